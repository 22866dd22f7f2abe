// The official `@anthropic-ai/sdk` against Lakegate's Anthropic surface (/anthropic), with both
// credential styles: authToken (Authorization: Bearer, as Claude Code sends it) and apiKey (x-api-key).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import {
  ENDPOINTS, EXPECTED, INVALID_TOKEN_MESSAGE, LAKEGATE_TOKEN, LAKEGATE_URL, TEXT, TOOL, TOOL_ARGS, WRONG_TOKEN,
  brokenStream, estimatedTokens, lastUpstreamRequest, script, textAndToolCall, upstreamError,
} from './support/gateway.mjs';

const CLAUDE = ENDPOINTS.claude;
const baseURL = `${LAKEGATE_URL}/anthropic`;
const bearerClient = (token = LAKEGATE_TOKEN) => new Anthropic({ authToken: token, apiKey: null, baseURL, maxRetries: 0 });
const apiKeyClient = (token = LAKEGATE_TOKEN) => new Anthropic({ apiKey: token, authToken: null, baseURL, maxRetries: 0 });

const tools = [{ name: TOOL.name, description: TOOL.description, input_schema: TOOL.parameters }];
const request = {
  model: CLAUDE.name,
  max_tokens: 1024,
  system: 'You are a weather assistant.',
  messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
  tools,
};

function assertMessage(message) {
  assert.equal(message.type, 'message');
  assert.equal(message.role, 'assistant');
  assert.equal(message.stop_reason, 'tool_use');
  const texts = message.content.filter((b) => b.type === 'text');
  assert.deepEqual(texts.map((b) => b.text), [TEXT]);
  const toolUses = message.content.filter((b) => b.type === 'tool_use');
  assert.equal(toolUses.length, 1, `one tool_use block in ${JSON.stringify(message.content)}`);
  assert.equal(toolUses[0].name, TOOL.name);
  assert.match(toolUses[0].id, /^toolu_/);
  assert.deepEqual(toolUses[0].input, TOOL_ARGS);
  assert.equal(message.usage.input_tokens, EXPECTED.anthropic.input_tokens);
  assert.equal(message.usage.output_tokens, EXPECTED.anthropic.output_tokens);
  assert.equal(message.usage.cache_read_input_tokens, EXPECTED.anthropic.cache_read_input_tokens);
  assert.equal(message.usage.cache_creation_input_tokens, EXPECTED.anthropic.cache_creation_input_tokens);
}

for (const [style, client] of [['authToken (Bearer)', bearerClient], ['apiKey (x-api-key)', apiKeyClient]]) {
  describe(`anthropic messages, ${style}`, () => {
    test('messages.create (unary): text, tool_use with input, usage with cache tokens', async () => {
      await script(textAndToolCall(CLAUDE.upstream));
      assertMessage(await client().messages.create(request));
    });

    test('messages.stream → finalMessage: the same, streamed', async () => {
      await script(textAndToolCall(CLAUDE.upstream));
      const stream = client().messages.stream(request);
      let text = '';
      let inputJson = '';
      const events = [];
      stream.on('text', (delta) => { text += delta; });
      stream.on('inputJson', (delta) => { inputJson += delta; });
      stream.on('streamEvent', (event) => events.push(event.type));
      const final = await stream.finalMessage();
      assert.equal(events[0], 'message_start');
      assert.equal(events.at(-1), 'message_stop');
      assert.equal(text, TEXT);
      assert.deepEqual(JSON.parse(inputJson), TOOL_ARGS);
      assertMessage(final);
    });

    test('messages.create with stream: true: raw events fold to the same message', async () => {
      await script(textAndToolCall(CLAUDE.upstream));
      const stream = await client().messages.create({ ...request, stream: true });
      let text = '';
      let json = '';
      let start = null;
      let delta = null;
      for await (const event of stream) {
        if (event.type === 'message_start') {
          start = event.message;
        } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          text += event.delta.text;
        } else if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
          json += event.delta.partial_json;
        } else if (event.type === 'message_delta') {
          delta = event;
        }
      }
      assert.equal(text, TEXT);
      assert.deepEqual(JSON.parse(json), TOOL_ARGS);
      assert.equal(delta.delta.stop_reason, 'tool_use');
      // Anthropic streams put input and cache counts in message_start and the final output count in message_delta.
      assert.equal(start.usage.input_tokens, EXPECTED.anthropic.input_tokens);
      assert.equal(start.usage.cache_read_input_tokens, EXPECTED.anthropic.cache_read_input_tokens);
      assert.equal(delta.usage.output_tokens, EXPECTED.anthropic.output_tokens);
    });
  });
}

describe('anthropic beta messages', () => {
  test('beta.messages.create with ?beta=true (as Claude Code sends it): the query and anthropic-beta reach the provider', async () => {
    await script(textAndToolCall(CLAUDE.upstream));
    // This SDK version no longer appends ?beta=true itself; Claude Code's bundled one does.
    const message = await bearerClient().beta.messages.create({ ...request, betas: ['interleaved-thinking-2025-05-14'] },
      { query: { beta: 'true' } });
    assertMessage(message);
    const upstream = await lastUpstreamRequest('/v1/messages');
    assert.equal(upstream.query, 'beta=true');
    assert.equal(upstream.headers['anthropic-beta'], 'interleaved-thinking-2025-05-14');
    assert.match(upstream.headers['anthropic-version'] ?? '', /^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('anthropic count tokens and models', () => {
  test('messages.countTokens answers the upstream count', async () => {
    const counted = await bearerClient().messages.countTokens({
      model: CLAUDE.name, system: request.system, messages: request.messages, tools,
    });
    const upstream = await lastUpstreamRequest('/v1/messages/count_tokens');
    assert.equal(JSON.parse(upstream.body).model, CLAUDE.upstream);
    assert.equal(counted.input_tokens, estimatedTokens(upstream.body));
  });

  test('models.list names the Lakegate endpoints', async () => {
    const ids = [];
    for await (const model of apiKeyClient().models.list()) {
      ids.push(model.id);
    }
    assert.ok(ids.includes(CLAUDE.name), `${CLAUDE.name} in ${JSON.stringify(ids)}`);
  });
});

describe('anthropic errors', () => {
  for (const [style, client] of [['authToken', bearerClient], ['apiKey', apiKeyClient]]) {
    test(`a wrong token (${style}) → AuthenticationError 401 with the gateway message`, async () => {
      await assert.rejects(client(WRONG_TOKEN).messages.create(request), (e) => {
        assert.ok(e instanceof Anthropic.AuthenticationError, `got ${e?.constructor?.name}: ${e?.message}`);
        assert.equal(e.status, 401);
        assert.equal(e.error?.error?.type, 'authentication_error');
        assert.match(e.message, INVALID_TOKEN_MESSAGE);
        return true;
      });
    });
  }

  test('a wrong token on messages.stream → AuthenticationError', async () => {
    await assert.rejects(bearerClient(WRONG_TOKEN).messages.stream(request).finalMessage(), Anthropic.AuthenticationError);
  });

  test('an unknown model → NotFoundError 404 not_found_error', async () => {
    await assert.rejects(bearerClient().messages.create({ ...request, model: 'no-such-endpoint' }), (e) => {
      assert.ok(e instanceof Anthropic.NotFoundError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.equal(e.status, 404);
      assert.equal(e.error?.error?.type, 'not_found_error');
      assert.match(e.message, /no-such-endpoint/);
      return true;
    });
    await assert.rejects(bearerClient().messages.countTokens({ model: 'no-such-endpoint', messages: request.messages }),
      Anthropic.NotFoundError);
  });

  test('a stream the upstream breaks off → APIError from the in-stream error event', async () => {
    await script(brokenStream(CLAUDE.upstream, 4));
    const stream = bearerClient().messages.stream(request);
    let text = '';
    stream.on('text', (delta) => { text += delta; });
    await assert.rejects(stream.finalMessage(), (e) => {
      assert.ok(e instanceof Anthropic.APIError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.match(`${e.message} ${JSON.stringify(e.error ?? null)}`, /scripted/);
      return true;
    });
    assert.ok(TEXT.startsWith(text), `the part received is a prefix of the answer: ${JSON.stringify(text)}`);
  });

  test('an upstream 429 → RateLimitError 429 (unary and streaming)', async () => {
    await script(upstreamError(CLAUDE.upstream, 429, 'scripted: slow down (messages)', 3));
    await assert.rejects(bearerClient().messages.create(request), (e) => {
      assert.ok(e instanceof Anthropic.RateLimitError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.equal(e.status, 429);
      assert.equal(e.error?.error?.type, 'rate_limit_error');
      assert.match(e.message, /scripted: slow down \(messages\)/);
      assert.equal(e.headers.get('retry-after'), '3');
      return true;
    });
    await script(upstreamError(CLAUDE.upstream, 429, 'scripted: slow down (stream)'));
    await assert.rejects(apiKeyClient().messages.stream(request).finalMessage(), (e) => {
      assert.ok(e instanceof Anthropic.RateLimitError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.match(e.message, /scripted: slow down \(stream\)/);
      return true;
    });
  });
});
