import { execFile } from 'node:child_process';
import path from 'node:path';
import { status } from '@grpc/grpc-js';

/** Debian's python3-grpcio (gRPC's C core); /usr/bin/python3 has it, a pyenv python may not. */
const PYTHON = process.env.GRPC_PYTHON ?? '/usr/bin/python3';
const SCRIPT = path.join(__dirname, 'security-c-core-client.py');

export interface CCoreOutcome {
  code: status;
  details: string;
  response: Buffer;
}

/**
 * One unary call through gRPC's C core, with metadata exactly as given: header names may repeat, which
 * Node's HTTP/2 (and so grpc-js) cannot send for `authorization`. Asynchronous, so the in-process server
 * keeps serving while the child process waits for its answer.
 */
export function cCoreCall(target: string, method: string, metadata: Array<[string, string]>, request: Uint8Array = new Uint8Array(), timeoutSeconds = 10): Promise<CCoreOutcome> {
  return new Promise((resolve, reject) => {
    const child = execFile(PYTHON, [SCRIPT], { timeout: (timeoutSeconds + 10) * 1000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`C-core client failed: ${error.message}\n${stderr}`));
      const parsed = JSON.parse(stdout) as { code: number; details: string; response_b64: string };
      resolve({ code: parsed.code as status, details: parsed.details, response: Buffer.from(parsed.response_b64, 'base64') });
    });
    child.stdin!.end(JSON.stringify({ target, method, metadata, request_b64: Buffer.from(request).toString('base64'), timeout: timeoutSeconds }));
  });
}
