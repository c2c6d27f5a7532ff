import { expect } from 'vitest';
import { littlebigMission, type TestApi } from '../helpers/api';

/**
 * Small steps of the month-to-invoice flow shared by the API test files. Each step asserts
 * the status it needs, so a test fails at the step that broke, not three steps later.
 */

/** Creates a mission (the LittleBIG Flash mission unless overridden) and returns its id. */
export async function createMission(api: TestApi, token: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await api.request('POST', '/v1/missions', { token, body: { ...littlebigMission, ...overrides } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

/** Saves a month's days and submits the CRA; returns the submitted CRA. */
export async function submitCra(api: TestApi, token: string, missionId: string, month: string, days: Record<string, number>, lines: unknown[] = []) {
  const put = await api.request('PUT', `/v1/missions/${missionId}/cras/${month}`, { token, body: { days, lines } });
  expect(put.status, put.text).toBe(200);
  const submitted = await api.request('POST', `/v1/missions/${missionId}/cras/${month}/submit`, { token });
  expect(submitted.status, submitted.text).toBe(200);
  return submitted.json;
}

/** Saves, submits and validates a month; returns the issued invoice. */
export async function issueInvoice(api: TestApi, token: string, missionId: string, month: string, days: Record<string, number>, validatedOn: string) {
  await submitCra(api, token, missionId, month, days);
  const res = await api.request('POST', `/v1/missions/${missionId}/cras/${month}/validate`, { token, body: { validatedOn } });
  expect(res.status, res.text).toBe(201);
  return res.json.invoice;
}

/** The user id behind an email, read straight from the database. */
export async function userIdOf(api: TestApi, email: string): Promise<string> {
  const rs = await api.deps.client.execute({ sql: 'SELECT id FROM users WHERE email = ?', args: [email] });
  return String(rs.rows[0]!.id);
}

/** What a response body must never show: a stack frame or an error class name. */
export function expectNoStack(text: string) {
  expect(text).not.toMatch(/\n\s*at /);
  expect(text).not.toMatch(/\bat [\w.<>]+ \(/);
  expect(text).not.toContain('Error:');
}

/** The API's one error shape, with the expected code. */
export function expectError(res: { status: number; json: any; text: string }, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.json).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(Object.keys(res.json.error).every((k) => ['code', 'message', 'issues'].includes(k))).toBe(true);
  expectNoStack(res.text);
}
