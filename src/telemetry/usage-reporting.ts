import type { ApolloConfigInput, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginUsageReporting, type ApolloServerPluginUsageReportingOptions } from '@apollo/server/plugin/usageReporting';
import type { EnvSettings, FileSettings } from '../config/schema';
import type { Logger } from './logger';

/** Whether operation usage goes to Apollo GraphOS, and how. */
export type UsageReporting =
  | { enabled: false }
  | {
      enabled: true;
      key: string;
      graphRef: string;
      /** Base URL of the ingress; reports are POSTed to `{endpoint}/api/ingress/traces`. */
      endpoint: string;
      /** How often buffered usage is sent (and once more when the server stops). @default 10000 */
      intervalMs?: number;
      /** Per attempt (a report gets two); also bounds how long a stop waits for an ingress that does not answer. @default 5000 */
      timeoutMs?: number;
    };

type Fetcher = NonNullable<ApolloServerPluginUsageReportingOptions<BaseContext>['fetcher']>;

/**
 * {@link UsageReporting} from the environment (the env schema already refused one of the pair
 * without the other) and the config file's `usageReporting`.
 */
export function usageReportingSettings(config: {
  env: Pick<EnvSettings, 'APOLLO_KEY' | 'APOLLO_GRAPH_REF'>;
  file: Pick<FileSettings, 'usageReporting'>;
}): UsageReporting {
  const { APOLLO_KEY: key, APOLLO_GRAPH_REF: graphRef } = config.env;
  // The plugin appends `/api/ingress/traces` to the endpoint as given.
  const endpoint = config.file.usageReporting.endpoint.replace(/\/+$/, '');
  return key && graphRef ? { enabled: true, key, graphRef, endpoint } : { enabled: false };
}

/**
 * Apollo Server's `apollo` option and the plugins for `settings`. Every case is explicit: left to
 * itself Apollo Server reads process.env, reporting usage whenever APOLLO_KEY is set and reporting
 * the schema on APOLLO_SCHEMA_REPORTING=true (which throws on a subgraph; ShopGraph's schema is
 * published with rover instead).
 */
export function useUsageReporting<TContext extends BaseContext>(
  settings: UsageReporting,
  logger: Logger,
): { apollo?: ApolloConfigInput; plugins: ApolloServerPlugin<TContext>[] } {
  const noSchemaReporting = ApolloServerPluginSchemaReportingDisabled();
  if (!settings.enabled) return { plugins: [ApolloServerPluginUsageReportingDisabled(), noSchemaReporting] };
  const log = logger.child({ component: 'apollo-usage-reporting' });
  const outage = outageLog(log, settings);
  return {
    apollo: { key: settings.key, graphRef: settings.graphRef },
    plugins: [
      ApolloServerPluginUsageReporting<TContext>({
        endpointUrl: settings.endpoint,
        reportIntervalMs: settings.intervalMs ?? 10_000,
        requestTimeoutMs: settings.timeoutMs ?? 5_000,
        // One retry, then the report is dropped: usage figures are not worth a backlog.
        maxAttempts: 2,
        minimumRetryDelayMs: 500,
        // Partners' data stays here: variables hold shop and order ids, headers hold credentials,
        // error messages may quote either.
        sendVariableValues: { none: true },
        sendHeaders: { none: true },
        sendErrors: { masked: true },
        sendUnexecutableOperationDocuments: false,
        logger: log,
        fetcher: observedFetch(outage),
        reportErrorFunction: outage.failed,
      }),
      noSchemaReporting,
    ],
  };
}

/** Reports sent or lost, logged once per outage: a down ingress must not flood the logs. */
export interface OutageLog {
  failed(error: Error): void;
  delivered(): void;
}

/** An {@link OutageLog} on `logger`; the key never appears in what it writes. */
export function outageLog(logger: Logger, settings: { key: string; endpoint: string }): OutageLog {
  let down = false;
  const endpoint = new URL(settings.endpoint).origin;
  return {
    failed(error) {
      const reason = error.message.split(settings.key).join('[redacted]');
      if (down) {
        logger.debug({ endpoint, reason }, 'Apollo usage report not delivered');
        return;
      }
      down = true;
      logger.warn({ endpoint, reason }, 'Apollo usage reports are not getting through (operations are unaffected); no further warning until they do');
    },
    delivered() {
      if (!down) return;
      down = false;
      logger.info({ endpoint }, 'Apollo usage reports are getting through again');
    },
  };
}

/** `fetch` that tells `outage` about deliveries and keeps the reason of a network failure. */
function observedFetch(outage: OutageLog): Fetcher {
  return async (url, init) => {
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      // undici says only "fetch failed"; why (ECONNREFUSED, a bad certificate) is in its cause.
      const { message, cause } = error as Error & { cause?: { message?: string; code?: string } };
      const why = cause?.message || cause?.code;
      throw new Error(why ? `${message}: ${why}` : message);
    }
    if (response.ok) outage.delivered();
    return response;
  };
}
