import type { Config } from '../config/load-config';
import type { Logger } from '../telemetry/logger';
import type { EmulatorInfo, EmulatorLauncher } from './demo-emulator';

/** Upstream endpoints and credentials, from the config or from the demo emulator. */
export interface Upstream {
  apiBaseUrl: string;
  authBaseUrl: string;
  adsBaseUrl: string;
  appKey: string;
  appSecret: string;
  refreshToken?: string;
  authCode?: string;
  adsToken?: string;
  adsAppId?: string;
  adsSecret?: string;
}

export async function resolveUpstream(
  config: Config,
  logger: Logger,
  launch: EmulatorLauncher,
): Promise<{ upstream: Upstream; emulator?: EmulatorInfo & { close(): Promise<void> } }> {
  const env = config.env;
  if (config.upstream.kind === 'tiktok') {
    return {
      upstream: {
        apiBaseUrl: env.TTS_API_BASE_URL,
        authBaseUrl: env.TTS_AUTH_BASE_URL,
        adsBaseUrl: env.TT_ADS_BASE_URL,
        appKey: config.upstream.appKey,
        appSecret: config.upstream.appSecret,
        refreshToken: config.upstream.refreshToken,
        authCode: config.upstream.authCode,
        adsToken: env.TT_ADS_ACCESS_TOKEN,
        adsAppId: env.TT_ADS_APP_ID,
        adsSecret: env.TT_ADS_SECRET,
      },
    };
  }
  const emulator = await launch({
    ...config.file.demo,
    logLevel: env.LOG_LEVEL,
  });
  logger.info({ emulator: emulator.url }, 'demo mode: no TikTok credentials configured, serving the built-in emulator');
  return {
    emulator: { url: emulator.url, close: () => emulator.close() },
    upstream: {
      apiBaseUrl: emulator.url,
      authBaseUrl: emulator.url,
      adsBaseUrl: emulator.url,
      appKey: emulator.appKey,
      appSecret: emulator.appSecret,
      authCode: emulator.authCode,
      adsToken: emulator.adsToken,
      adsAppId: emulator.appKey,
      adsSecret: emulator.appSecret,
    },
  };
}
