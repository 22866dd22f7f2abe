// The official `@google/genai` SDK against Lakegate's Gemini surface (/gemini). The SDK sends its
// key as x-goog-api-key.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, GoogleGenAI } from '@google/genai';
import {
  ENDPOINTS, EXPECTED, INVALID_TOKEN_MESSAGE, LAKEGATE_TOKEN, LAKEGATE_URL, TEXT, TOOL, TOOL_ARGS, WRONG_TOKEN,
  brokenStream, estimatedTokens, lastUpstreamRequest, script, textAndToolCall, upstreamError,
} from './support/gateway.mjs';

const GEMINI = ENDPOINTS.gemini;
// attempts: 1 — no retries, so a 429 surfaces at once.
const client = (apiKey = LAKEGATE_TOKEN) => new GoogleGenAI({
  apiKey, httpOptions: { baseUrl: `${LAKEGATE_URL}/gemini`, retryOptions: { attempts: 1 } },
});

const params = {
  model: GEMINI.name,
  contents: [{ role: 'user', parts: [{ text: 'What is the weather in Paris?' }] }],
  config: {
    systemInstruction: 'You are a weather assistant.',
    tools: [{ functionDeclarations: [{ name: TOOL.name, description: TOOL.description, parametersJsonSchema: TOOL.parameters }] }],
  },
};

/** Text of the response's first candidate, without the SDK's warning about non-text parts. */
function textOf(response) {
  return (response.candidates?.[0]?.content?.parts ?? []).filter((p) => typeof p.text === 'string' && !p.thought).map((p) => p.text).join('');
}

function assertFunctionCalls(calls) {
  assert.equal(calls?.length, 1, `one functionCall, got ${JSON.stringify(calls)}`);
  assert.equal(calls[0].name, TOOL.name);
  assert.deepEqual(calls[0].args, TOOL_ARGS);
}

function assertUsage(usage) {
  assert.ok(usage, 'usageMetadata is present');
  for (const [field, value] of Object.entries(EXPECTED.gemini)) {
    assert.equal(usage[field], value, `usageMetadata.${field} in ${JSON.stringify(usage)}`);
  }
}

function assertApiError(e, status, statusName, message) {
  assert.ok(e instanceof ApiError, `got ${e?.constructor?.name}: ${e?.message}`);
  assert.equal(e.status, status);
  // The SDK's message is the error body as JSON.
  const body = JSON.parse(e.message);
  assert.equal(body.error.code, status);
  assert.equal(body.error.status, statusName);
  assert.match(body.error.message, message);
  return true;
}

describe('gemini generateContent', () => {
  test('models.generateContent (unary): text, functionCall part, usageMetadata', async () => {
    await script(textAndToolCall(GEMINI.upstream));
    const response = await client().models.generateContent(params);
    assert.equal(textOf(response), TEXT);
    assertFunctionCalls(response.functionCalls);
    assert.equal(response.candidates[0].content.role, 'model');
    assert.ok(response.candidates[0].finishReason, 'a finishReason');
    assertUsage(response.usageMetadata);
  });

  test('models.generateContentStream (SSE): text across chunks, functionCall, final usageMetadata', async () => {
    await script(textAndToolCall(GEMINI.upstream));
    const stream = await client().models.generateContentStream(params);
    let text = '';
    let chunks = 0;
    let last = null;
    const calls = [];
    for await (const chunk of stream) {
      chunks++;
      text += textOf(chunk);
      calls.push(...(chunk.functionCalls ?? []));
      last = chunk;
    }
    assert.ok(chunks > 1, `a real stream has several chunks, got ${chunks}`);
    assert.equal(text, TEXT);
    assertFunctionCalls(calls);
    assertUsage(last.usageMetadata);
    const upstream = await lastUpstreamRequest(`/models/${GEMINI.upstream}:streamGenerateContent`);
    assert.equal(upstream.query, 'alt=sse');
  });

  test('models.countTokens answers the upstream count', async () => {
    const counted = await client().models.countTokens({ model: GEMINI.name, contents: params.contents });
    const upstream = await lastUpstreamRequest(`/models/${GEMINI.upstream}:countTokens`);
    assert.equal(counted.totalTokens, estimatedTokens(upstream.body));
  });

  test('models.list names the Lakegate endpoints', async () => {
    const names = [];
    for await (const model of await client().models.list()) {
      names.push(model.name);
    }
    assert.ok(names.some((n) => n === GEMINI.name || n === `models/${GEMINI.name}`), `${GEMINI.name} in ${JSON.stringify(names)}`);
  });
});

describe('gemini errors', () => {
  test('a wrong key → ApiError 401 UNAUTHENTICATED with the gateway message', async () => {
    await assert.rejects(client(WRONG_TOKEN).models.generateContent(params),
      (e) => assertApiError(e, 401, 'UNAUTHENTICATED', INVALID_TOKEN_MESSAGE));
    await assert.rejects(client(WRONG_TOKEN).models.generateContentStream(params),
      (e) => assertApiError(e, 401, 'UNAUTHENTICATED', INVALID_TOKEN_MESSAGE));
  });

  test('an unknown model → ApiError 404 NOT_FOUND', async () => {
    await assert.rejects(client().models.generateContent({ ...params, model: 'no-such-endpoint' }),
      (e) => assertApiError(e, 404, 'NOT_FOUND', /no-such-endpoint/));
    await assert.rejects(client().models.countTokens({ model: 'no-such-endpoint', contents: params.contents }),
      (e) => assertApiError(e, 404, 'NOT_FOUND', /no-such-endpoint/));
  });

  test('a stream the upstream breaks off → ApiError from the in-stream error chunk', async () => {
    await script(brokenStream(GEMINI.upstream, 2));
    const stream = await client().models.generateContentStream(params);
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of stream) {
        text += textOf(chunk);
      }
    }, (e) => {
      assert.ok(e instanceof ApiError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.ok(e.status >= 500 && e.status < 600, `a 5xx status, got ${e.status}`);
      assert.match(e.message, /scripted/);
      return true;
    });
    assert.ok(TEXT.startsWith(text), `the part received is a prefix of the answer: ${JSON.stringify(text)}`);
  });

  test('an upstream 429 → ApiError 429 RESOURCE_EXHAUSTED with RetryInfo (unary and streaming)', async () => {
    await script(upstreamError(GEMINI.upstream, 429, 'scripted: slow down (generate)', 4));
    await assert.rejects(client().models.generateContent(params), (e) => {
      assertApiError(e, 429, 'RESOURCE_EXHAUSTED', /scripted: slow down \(generate\)/);
      const details = JSON.parse(e.message).error.details ?? [];
      assert.ok(details.some((d) => d['@type'] === 'type.googleapis.com/google.rpc.RetryInfo' && d.retryDelay === '4s'),
        `RetryInfo 4s in ${JSON.stringify(details)}`);
      return true;
    });
    await script(upstreamError(GEMINI.upstream, 429, 'scripted: slow down (stream)'));
    await assert.rejects(client().models.generateContentStream(params),
      (e) => assertApiError(e, 429, 'RESOURCE_EXHAUSTED', /scripted: slow down \(stream\)/));
  });
});
