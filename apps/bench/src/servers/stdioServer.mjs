// Lean MCP server over stdio: newline-delimited JSON in, one write per input chunk out.
import { leanAnswer } from './leanAnswer.mjs';
import { serveLines } from './serveLines.mjs';

serveLines((message) => {
  const answer = leanAnswer(message);
  return answer ? `${JSON.stringify(answer)}\n` : '';
});
