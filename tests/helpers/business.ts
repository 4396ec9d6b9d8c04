import { randomUUID } from 'node:crypto';
import { runSunlight } from './cli';

/**
 * The inspected business's side of the local enrolment adapter: the operator enrols it with the CLI (out
 * of band), then the business's own device exchanges the code over HTTP. Returns the device's proof.
 */
export async function bindBusinessDevice(
  base: string,
  env: NodeJS.ProcessEnv,
  creditCode: string,
): Promise<{ proof: string; subjectId: string }> {
  const enrol = await runSunlight(['business', 'enrol', creditCode], env);
  if (enrol.code !== 0) throw new Error(`business enrol failed: ${enrol.stderr}`);
  const res = await fetch(`${base}/api/v1/business/enrolments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: enrol.stdout.trim(), deviceId: randomUUID() }),
  });
  const body = (await res.json()) as { credential: string; subjectId: string };
  if (res.status !== 201) throw new Error(`enrolment exchange failed ${res.status}: ${JSON.stringify(body)}`);
  return { proof: body.credential, subjectId: body.subjectId };
}
