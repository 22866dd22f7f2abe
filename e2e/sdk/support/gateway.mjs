// Shared setup for the SDK tests: where the gateway and its scripted upstream live, the scripted
// answers every test asks for, and a look at what the upstream received.
// OfficialSdkTest (Java) starts the gateway and sets the environment; see e2e/README.md to run by hand.
import assert from 'node:assert/strict';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: these tests run against a live gateway started by OfficialSdkTest `
      + `(mvn -o -pl e2e test -Dtest=OfficialSdkTest), or set LAKEGATE_URL, LAKEGATE_TOKEN and SCRIPTED_URL yourself`);
  }
  return value.replace(/\/+$/, '');
}

export const LAKEGATE_URL = required('LAKEGATE_URL');
export const LAKEGATE_TOKEN = required('LAKEGATE_TOKEN');
export const SCRIPTED_URL = required('SCRIPTED_URL');

/** A well-formed token the gateway never issued. */
export const WRONG_TOKEN = 'lg_e2e-wrong-token-this-gateway-never-issued';
/** The message the gateway answers an unknown, revoked or expired token with. */
export const INVALID_TOKEN_MESSAGE = /Invalid token/;

/** Lakegate endpoints (what clients send as model) and the upstream model each maps to (lakegate-server …/testing/TestGateway.java). */
export const ENDPOINTS = {
  claude: { name: 'e2e-claude', upstream: 'claude-sonnet-4-5' },
  gpt: { name: 'e2e-gpt', upstream: 'gpt-5' },
  cursor: { name: 'e2e-cursor', upstream: 'gpt-4.1' },
  cursorOnGemini: { name: 'e2e-cursor-on-gemini', upstream: 'gemini-2.5-flash' },
  gemini: { name: 'e2e-gemini', upstream: 'gemini-2.5-pro' },
};

/**
 * Token counts the scripted upstream reports (its Usage record): input includes the cached part,
 * output includes the reasoning part. Each protocol renders them its own way; see EXPECTED.
 */
export const USAGE = { inputTokens: 1200, outputTokens: 345, cacheReadTokens: 1000, cacheCreationTokens: 40, reasoningTokens: 45 };

/** USAGE as each vendor protocol reports it. */
export const EXPECTED = {
  anthropic: { input_tokens: 160, output_tokens: 345, cache_read_input_tokens: 1000, cache_creation_input_tokens: 40 },
  chat: { prompt_tokens: 1200, completion_tokens: 345, total_tokens: 1545, cached_tokens: 1000, reasoning_tokens: 45 },
  responses: { input_tokens: 1200, output_tokens: 345, total_tokens: 1545, cached_tokens: 1000, reasoning_tokens: 45 },
  gemini: { promptTokenCount: 1200, candidatesTokenCount: 300, totalTokenCount: 1545, cachedContentTokenCount: 1000, thoughtsTokenCount: 45 },
};

export const TEXT = 'Checking the weather in Paris for you — un instant ☀️.';

export const TOOL = {
  name: 'get_weather',
  description: 'Current weather and forecast for a city',
  parameters: {
    type: 'object',
    properties: {
      city: { type: 'string' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      days: { type: 'integer' },
    },
    required: ['city'],
  },
};

export const TOOL_ARGS = { city: 'Paris', unit: 'celsius', days: 3, options: { hourly: true, sources: ['meteo', 'sat'] } };

/** Queues scripts at the scripted upstream; each answers the next request for its upstream model. */
export async function script(...scripts) {
  const res = await fetch(`${SCRIPTED_URL}/__scripted/scripts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(scripts),
  });
  const body = await res.text();
  assert.equal(res.status, 200, `scripted upstream refused the script: ${body}`);
}

/** The standard answer: TEXT, one get_weather call with TOOL_ARGS, and USAGE. */
export function textAndToolCall(upstreamModel, extra = {}) {
  return { model: upstreamModel, text: TEXT, toolCalls: [{ name: TOOL.name, arguments: TOOL_ARGS }], usage: USAGE, ...extra };
}

/** An answer whose connection the scripted upstream cuts after `events` stream events. */
export function brokenStream(upstreamModel, events = 3) {
  return { model: upstreamModel, text: TEXT, failAfterEvents: events };
}

export function upstreamError(upstreamModel, status, message, retryAfterSeconds) {
  return { model: upstreamModel, error: { status, message, retryAfterSeconds } };
}

/** Every request the scripted upstream received, oldest first: {seq, method, path, query, headers, body, outcome}. */
export async function upstreamRequests() {
  const res = await fetch(`${SCRIPTED_URL}/__scripted/requests`);
  assert.equal(res.status, 200);
  return res.json();
}

/** The newest request the scripted upstream received on a path ending in `pathSuffix`. */
export async function lastUpstreamRequest(pathSuffix) {
  const all = await upstreamRequests();
  const found = all.filter((r) => r.path.endsWith(pathSuffix)).at(-1);
  assert.ok(found, `the scripted upstream received no request on …${pathSuffix}`);
  return found;
}

/** The scripted upstream's count-tokens answer: its (characters + 1) / 4 estimate of the body it received. */
export function estimatedTokens(body) {
  return Math.floor((body.length + 1) / 4);
}
