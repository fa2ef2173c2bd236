import { z } from 'zod';

/**
 * The config file's `alerts` section (docs/alerts.md): how often rules are evaluated without
 * events, how far a value must recover before a rule may fire again, how many rules a client
 * may hold, and where and how signed webhooks go out. The signing secret itself is not here: it
 * is `SHOPGRAPH_ALERT_WEBHOOK_SECRET`, with the other secrets in the environment.
 */
const urlPrefix = z.string().refine((v) => {
  try {
    const url = new URL(v);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.username === '' &&
      url.password === '' &&
      url.search === '' &&
      url.hash === '' &&
      v.endsWith('/')
    );
  } catch {
    return false;
  }
}, 'an http(s) URL prefix ending in "/" without credentials, query or fragment, like https://hooks.example.com/shopgraph/');

export const alertsSection = z
  .object({
    enabled: z.boolean().default(true).describe('Evaluate alert rules and deliver what fires (the rules stay stored when off).'),
    tickSeconds: z
      .number()
      .int()
      .min(5)
      .max(86_400)
      .default(60)
      .describe('Each shop with rules is evaluated this often even without events (ROAS windows move with time, SLA deadlines approach).'),
    minIntervalMs: z
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(1000)
      .describe('Least time between two evaluations of one shop on one replica: a burst of webhooks is one evaluation.'),
    hysteresis: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe(
        'How far past its threshold a value must come back before a firing rule resolves (a share of the threshold): stock flapping around it fires once.',
      ),
    maxRulesPerClient: z.number().int().min(1).max(10_000).default(100).describe('Rules one client may hold, all shops together.'),
    eventRetentionDays: z.number().int().min(1).max(400).default(30).describe('Days a fired alert is kept (readable by subscribers, retried as a webhook).'),
    webhooks: z
      .object({
        allowedUrlPrefixes: z
          .array(urlPrefix)
          .default([])
          .describe("URL prefixes a rule's webhookUrl must start with; empty: no outbound webhooks. Listing an http:// prefix allows plain HTTP to it."),
        maxAttempts: z.number().int().min(1).max(50).default(8).describe('Attempts per alert before it is dropped (logged at error).'),
        initialBackoffMs: z.number().int().min(10).max(3_600_000).default(2000).describe('Wait before the first retry; doubled each time, with jitter.'),
        maxBackoffMs: z.number().int().min(10).max(86_400_000).default(600_000).describe('Longest wait between two attempts.'),
        timeoutMs: z.number().int().min(100).max(60_000).default(5000).describe('One attempt, connection to answer.'),
      })
      .strict()
      .prefault({})
      .describe('Signed outbound webhooks (docs/alerts.md, Verifying a webhook).'),
  })
  .strict();

export type AlertSettings = z.infer<typeof alertsSection>;
