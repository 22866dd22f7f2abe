// The official `openai` SDK against Lakegate's OpenAI surfaces: Chat Completions and Responses on
// /openai/v1, and Cursor's Chat Completions request shape on /cursor/v1.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import {
  ENDPOINTS, EXPECTED, INVALID_TOKEN_MESSAGE, LAKEGATE_TOKEN, LAKEGATE_URL, TEXT, TOOL, TOOL_ARGS, WRONG_TOKEN,
  brokenStream, lastUpstreamRequest, script, textAndToolCall, upstreamError,
} from './support/gateway.mjs';

const GPT = ENDPOINTS.gpt;
const client = (options = {}) => new OpenAI({
  apiKey: LAKEGATE_TOKEN, baseURL: `${LAKEGATE_URL}/openai/v1`, maxRetries: 0, ...options,
});

const chatTools = [{ type: 'function', function: TOOL }];
const responsesTools = [{ type: 'function', name: TOOL.name, description: TOOL.description, parameters: TOOL.parameters, strict: false }];
const messages = [
  { role: 'system', content: 'You are a weather assistant.' },
  { role: 'user', content: 'What is the weather in Paris?' },
];

function assertChatUsage(usage) {
  assert.ok(usage, 'the completion carries usage');
  assert.equal(usage.prompt_tokens, EXPECTED.chat.prompt_tokens);
  assert.equal(usage.completion_tokens, EXPECTED.chat.completion_tokens);
  assert.equal(usage.total_tokens, EXPECTED.chat.total_tokens);
  assert.equal(usage.prompt_tokens_details?.cached_tokens, EXPECTED.chat.cached_tokens);
  assert.equal(usage.completion_tokens_details?.reasoning_tokens, EXPECTED.chat.reasoning_tokens);
}

function assertChatToolCall(toolCalls) {
  assert.equal(toolCalls?.length, 1, `one tool call, got ${JSON.stringify(toolCalls)}`);
  assert.equal(toolCalls[0].type, 'function');
  assert.match(toolCalls[0].id, /\S/);
  assert.equal(toolCalls[0].function.name, TOOL.name);
  assert.deepEqual(JSON.parse(toolCalls[0].function.arguments), TOOL_ARGS);
}

/** Folds a raw Chat Completions chunk stream the way an agent does. */
async function foldChatChunks(stream) {
  let text = '';
  let finishReason = null;
  let usage = null;
  let chunks = 0;
  const calls = [];
  for await (const chunk of stream) {
    chunks++;
    assert.equal(chunk.object, 'chat.completion.chunk');
    if (chunk.usage) {
      usage = chunk.usage;
    }
    for (const choice of chunk.choices) {
      text += choice.delta?.content ?? '';
      for (const d of choice.delta?.tool_calls ?? []) {
        const call = calls[d.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } };
        call.id += d.id ?? '';
        call.function.name += d.function?.name ?? '';
        call.function.arguments += d.function?.arguments ?? '';
      }
      finishReason = choice.finish_reason ?? finishReason;
    }
  }
  return { text, finishReason, usage, calls, chunks };
}

describe('openai chat completions (/openai/v1)', () => {
  test('unary: text, tool call and usage', async () => {
    await script(textAndToolCall(GPT.upstream));
    const completion = await client().chat.completions.create({ model: GPT.name, messages, tools: chatTools });
    const choice = completion.choices[0];
    assert.equal(choice.message.role, 'assistant');
    assert.equal(choice.message.content, TEXT);
    assertChatToolCall(choice.message.tool_calls);
    assert.equal(choice.finish_reason, 'tool_calls');
    assertChatUsage(completion.usage);
  });

  test('unary: text only ends with finish_reason stop', async () => {
    await script({ model: GPT.upstream, text: TEXT });
    const completion = await client().chat.completions.create({ model: GPT.name, messages });
    assert.equal(completion.choices[0].message.content, TEXT);
    assert.equal(completion.choices[0].finish_reason, 'stop');
  });

  test('streaming (stream: true): text deltas, tool call deltas, usage chunk', async () => {
    await script(textAndToolCall(GPT.upstream));
    const stream = await client().chat.completions.create({
      model: GPT.name, messages, tools: chatTools, stream: true, stream_options: { include_usage: true },
    });
    const folded = await foldChatChunks(stream);
    assert.ok(folded.chunks > 3, `a real stream has several chunks, got ${folded.chunks}`);
    assert.equal(folded.text, TEXT);
    assertChatToolCall(folded.calls);
    assert.equal(folded.finishReason, 'tool_calls');
    assertChatUsage(folded.usage);
  });

  test('streaming without stream_options still reports usage (the gateway asks for it)', async () => {
    await script(textAndToolCall(GPT.upstream));
    const stream = await client().chat.completions.create({ model: GPT.name, messages, tools: chatTools, stream: true });
    const folded = await foldChatChunks(stream);
    assert.equal(folded.text, TEXT);
    assertChatUsage(folded.usage);
  });

  test('stream helper (chat.completions.stream → finalChatCompletion)', async () => {
    await script(textAndToolCall(GPT.upstream));
    const stream = client().chat.completions.stream({
      model: GPT.name, messages, tools: chatTools, stream_options: { include_usage: true },
    });
    let deltas = '';
    stream.on('content', (delta) => { deltas += delta; });
    const final = await stream.finalChatCompletion();
    assert.equal(deltas, TEXT);
    assert.equal(final.choices[0].message.content, TEXT);
    assertChatToolCall(final.choices[0].message.tool_calls);
    assert.equal(final.choices[0].finish_reason, 'tool_calls');
    assertChatUsage(final.usage);
  });
});

function assertResponsesUsage(usage) {
  assert.ok(usage, 'the response carries usage');
  assert.equal(usage.input_tokens, EXPECTED.responses.input_tokens);
  assert.equal(usage.output_tokens, EXPECTED.responses.output_tokens);
  assert.equal(usage.total_tokens, EXPECTED.responses.total_tokens);
  assert.equal(usage.input_tokens_details?.cached_tokens, EXPECTED.responses.cached_tokens);
  assert.equal(usage.output_tokens_details?.reasoning_tokens, EXPECTED.responses.reasoning_tokens);
}

/** @param fromSdk the SDK's own result object, which adds the `output_text` convenience field (raw stream events do not) */
function assertResponseOutput(response, fromSdk = true) {
  assert.equal(response.object, 'response');
  assert.equal(response.status, 'completed');
  if (fromSdk) {
    assert.equal(response.output_text, TEXT);
  }
  const message = response.output.find((item) => item.type === 'message');
  assert.ok(message, `a message item in ${JSON.stringify(response.output)}`);
  assert.deepEqual(message.content.filter((c) => c.type === 'output_text').map((c) => c.text), [TEXT]);
  const calls = response.output.filter((item) => item.type === 'function_call');
  assert.equal(calls.length, 1, `one function_call item in ${JSON.stringify(response.output)}`);
  assert.equal(calls[0].name, TOOL.name);
  assert.match(calls[0].call_id, /\S/);
  assert.deepEqual(JSON.parse(calls[0].arguments), TOOL_ARGS);
  assertResponsesUsage(response.usage);
}

describe('openai responses (/openai/v1)', () => {
  test('unary: output_text, function_call item and usage', async () => {
    await script(textAndToolCall(GPT.upstream));
    const response = await client().responses.create({
      model: GPT.name, instructions: 'You are a weather assistant.', input: 'What is the weather in Paris?', tools: responsesTools,
    });
    assertResponseOutput(response);
  });

  test('streaming (stream: true): deltas, function_call arguments, response.completed last', async () => {
    await script(textAndToolCall(GPT.upstream));
    const stream = await client().responses.create({
      model: GPT.name,
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'What is the weather in Paris?' }] }],
      tools: responsesTools,
      stream: true,
    });
    const types = [];
    let deltas = '';
    let argumentsDone = null;
    let completed = null;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') {
        deltas += event.delta;
      } else if (event.type === 'response.function_call_arguments.done') {
        argumentsDone = event.arguments;
      } else if (event.type === 'response.completed') {
        completed = event.response;
      }
    }
    assert.equal(types[0], 'response.created', `events: ${types.join(', ')}`);
    assert.ok(completed, `response.completed arrives; events: ${types.join(', ')}`);
    assert.equal(types.at(-1), 'response.completed', 'response.completed is the last event');
    assert.equal(deltas, TEXT);
    assert.ok(argumentsDone, 'response.function_call_arguments.done arrives');
    assert.deepEqual(JSON.parse(argumentsDone), TOOL_ARGS);
    assertResponseOutput(completed, false);
  });

  test('stream helper (responses.stream → finalResponse)', async () => {
    await script(textAndToolCall(GPT.upstream));
    const stream = client().responses.stream({ model: GPT.name, input: 'What is the weather in Paris?', tools: responsesTools });
    const final = await stream.finalResponse();
    assertResponseOutput(final);
  });

  test('the same works under /codex/v1', async () => {
    await script(textAndToolCall(GPT.upstream));
    const codex = client({ baseURL: `${LAKEGATE_URL}/codex/v1` });
    const stream = await codex.responses.create({ model: GPT.name, input: 'What is the weather in Paris?', tools: responsesTools, stream: true });
    let completed = null;
    for await (const event of stream) {
      if (event.type === 'response.completed') {
        completed = event.response;
      }
    }
    assert.ok(completed, 'response.completed arrives');
    assertResponseOutput(completed, false);
  });
});

describe('cursor (/cursor/v1)', () => {
  const CURSOR = ENDPOINTS.cursor;

  test("Cursor's request shape: tools + stream + stream_options.include_usage", async () => {
    await script(textAndToolCall(CURSOR.upstream));
    const cursor = client({ baseURL: `${LAKEGATE_URL}/cursor/v1` });
    const body = {
      model: CURSOR.name,
      messages: [
        { role: 'system', content: 'You are a powerful agentic AI coding assistant.' },
        { role: 'user', content: [{ type: 'text', text: '<user_query>What is the weather in Paris?</user_query>' }] },
      ],
      tools: chatTools,
      tool_choice: 'auto',
      parallel_tool_calls: true,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    };
    const stream = await cursor.chat.completions.create(body);
    const folded = await foldChatChunks(stream);
    assert.equal(folded.text, TEXT);
    assertChatToolCall(folded.calls);
    assert.equal(folded.finishReason, 'tool_calls');
    assertChatUsage(folded.usage);

    // What reached the provider: the same request, with the endpoint name swapped for the upstream model.
    const upstream = JSON.parse((await lastUpstreamRequest('/chat/completions')).body);
    assert.equal(upstream.model, CURSOR.upstream);
    assert.deepEqual(upstream.tools, body.tools);
    assert.deepEqual(upstream.stream_options, { include_usage: true });
    assert.equal(upstream.stream, true);
    assert.deepEqual(upstream.messages, body.messages);
  });
});

describe('cursor on a Gemini model (translation)', () => {
  const ON_GEMINI = ENDPOINTS.cursorOnGemini;

  test("Cursor's request shape reaches a Gemini upstream and the answer comes back as Chat chunks", async () => {
    await script(textAndToolCall(ON_GEMINI.upstream));
    const cursor = client({ baseURL: `${LAKEGATE_URL}/cursor/v1` });
    const stream = await cursor.chat.completions.create({
      model: ON_GEMINI.name,
      messages: [
        { role: 'system', content: 'You are a powerful agentic AI coding assistant.' },
        { role: 'user', content: [{ type: 'text', text: '<user_query>What is the weather in Paris?</user_query>' }] },
      ],
      tools: chatTools,
      tool_choice: 'auto',
      stream: true,
      stream_options: { include_usage: true },
    });
    const folded = await foldChatChunks(stream);
    assert.equal(folded.text, TEXT);
    assertChatToolCall(folded.calls);
    assert.equal(folded.finishReason, 'tool_calls');
    assertChatUsage(folded.usage);

    const upstream = await lastUpstreamRequest(`/models/${ON_GEMINI.upstream}:streamGenerateContent`);
    const body = JSON.parse(upstream.body);
    assert.match(JSON.stringify(body.systemInstruction), /powerful agentic AI coding assistant/);
    assert.equal(body.tools[0].functionDeclarations[0].name, chatTools[0].function.name);
  });
});

describe('openai models', () => {
  test('models.list names the Lakegate endpoints', async () => {
    const ids = [];
    for await (const model of client().models.list()) {
      ids.push(model.id);
    }
    for (const e of Object.values(ENDPOINTS)) {
      assert.ok(ids.includes(e.name), `${e.name} in ${JSON.stringify(ids)}`);
    }
  });
});

describe('openai errors', () => {
  test('a wrong token → AuthenticationError 401 with the gateway message', async () => {
    const bad = client({ apiKey: WRONG_TOKEN });
    await assert.rejects(bad.chat.completions.create({ model: GPT.name, messages }), (e) => {
      assert.ok(e instanceof OpenAI.AuthenticationError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.equal(e.status, 401);
      assert.match(e.message, INVALID_TOKEN_MESSAGE);
      assert.equal(e.code, 'invalid_api_key');
      return true;
    });
    await assert.rejects(bad.responses.create({ model: GPT.name, input: 'hi', stream: true }), OpenAI.AuthenticationError);
  });

  test('an unknown model → NotFoundError 404 model_not_found', async () => {
    await assert.rejects(client().chat.completions.create({ model: 'no-such-endpoint', messages }), (e) => {
      assert.ok(e instanceof OpenAI.NotFoundError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.equal(e.status, 404);
      assert.match(e.message, /no-such-endpoint/);
      assert.equal(e.code, 'model_not_found');
      assert.equal(e.param, 'model');
      return true;
    });
    await assert.rejects(client().responses.create({ model: 'no-such-endpoint', input: 'hi' }), OpenAI.NotFoundError);
  });

  test('an upstream 429 → RateLimitError 429 (chat, unary and streaming)', async () => {
    await script(upstreamError(GPT.upstream, 429, 'scripted: slow down (chat)', 7));
    await assert.rejects(client().chat.completions.create({ model: GPT.name, messages }), (e) => {
      assert.ok(e instanceof OpenAI.RateLimitError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.equal(e.status, 429);
      assert.match(e.message, /scripted: slow down \(chat\)/);
      assert.equal(e.headers.get('retry-after'), '7');
      return true;
    });
    await script(upstreamError(GPT.upstream, 429, 'scripted: slow down (chat stream)'));
    await assert.rejects(client().chat.completions.create({ model: GPT.name, messages, stream: true }), OpenAI.RateLimitError);
  });

  test('a chat stream the upstream breaks off → APIError from the in-stream error', async () => {
    await script(brokenStream(GPT.upstream));
    const stream = await client().chat.completions.create({ model: GPT.name, messages, stream: true });
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? '';
      }
    }, (e) => {
      assert.ok(e instanceof OpenAI.APIError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.match(e.message, /scripted/);
      return true;
    });
    assert.ok(TEXT.startsWith(text), `the part received is a prefix of the answer: ${JSON.stringify(text)}`);
  });

  test('a responses stream the upstream breaks off → response.failed last, no response.completed', async () => {
    await script(brokenStream(GPT.upstream, 4));
    const stream = await client().responses.create({ model: GPT.name, input: 'hi', stream: true });
    const events = [];
    for await (const event of stream) {
      events.push(event);
    }
    const types = events.map((e) => e.type);
    assert.ok(!types.includes('response.completed'), `events: ${types.join(', ')}`);
    assert.equal(types.filter((t) => t === 'response.failed').length, 1, `one response.failed in ${types.join(', ')}`);
    assert.equal(types.at(-1), 'response.failed', `events: ${types.join(', ')}`);
    assert.equal(events.at(-1).response.status, 'failed');
    assert.match(events.at(-1).response.error.message, /scripted/);
  });

  test('an upstream 429 → RateLimitError 429 (responses, streaming)', async () => {
    await script(upstreamError(GPT.upstream, 429, 'scripted: slow down (responses)'));
    await assert.rejects(client().responses.create({ model: GPT.name, input: 'hi', stream: true }), (e) => {
      assert.ok(e instanceof OpenAI.RateLimitError, `got ${e?.constructor?.name}: ${e?.message}`);
      assert.equal(e.status, 429);
      assert.match(e.message, /scripted: slow down \(responses\)/);
      return true;
    });
  });
});
