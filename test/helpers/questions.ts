import { expect } from 'vitest';
import type { TestApp, TestUser } from './app.js';

/** POST /api/v1/query as a user, in UTC (the suites' dates are UTC days): the status and the body. */
export async function askQuestion(t: TestApp, as: TestUser, question: string) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/query',
    as,
    payload: { question, timeZone: 'UTC' },
  });
  return { status: response.statusCode, body: response.json() };
}

/** The answer to a question that must be understood (200), with the body shown when it is not. */
export async function answerQuestion(t: TestApp, as: TestUser, question: string) {
  const { status, body } = await askQuestion(t, as, question);
  expect(status, `${question}: ${JSON.stringify(body)}`).toBe(200);
  return body;
}

/** A list endpoint's records (up to 200), as the asker sees them: what an answer is checked against. */
export async function listRecords<Row>(t: TestApp, as: TestUser, path: string): Promise<Row[]> {
  const response = await t.request({
    method: 'GET',
    url: `/api/v1/${path}${path.includes('?') ? '&' : '?'}limit=200`,
    as,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().data as Row[];
}
