import type { IncomingMessage } from 'node:http';
import { PLAN_TOOL } from '../../../integrations/llm/openai.js';

/* Pieces of a local chat-completions server for tests: what OpenAI-compatible servers answer. */

export function toolCallCompletion(model: string, args: unknown) {
  return {
    id: 'chatcmpl-stub',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        finish_reason: 'tool_calls',
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: PLAN_TOOL, arguments: JSON.stringify(args) } },
          ],
        },
      },
    ],
  };
}

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
