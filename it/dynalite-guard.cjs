// Preloaded into dynalite (node -r ./dynalite-guard.cjs node_modules/dynalite/cli.js) by
// it/src/test/java/dev/daybreak/it/Dynalite.java.
//
// dynalite throws from a request's 'error' handler (index.js: req.on('error', function (err) {
// throw err })), so a client that closes its connection in the middle of a request (an SDK client
// closed at shutdown while a call is in flight) kills the whole server with ECONNRESET "aborted",
// and every later test of the run finds no DynamoDB. Real DynamoDB drops that one request and
// carries on; so does dynalite with this guard. Any other uncaught error still ends the process,
// as it would without the guard.
'use strict';
process.on('uncaughtException', (err) => {
  if (err && err.code === 'ECONNRESET' && err.message === 'aborted') {
    console.error('dynalite-guard: a client aborted its request; dropped it and carried on');
    return;
  }
  console.error(err);
  process.exit(1);
});
