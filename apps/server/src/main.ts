import { createLogger, streamSink } from '@switchboard/core';
import { DataDirInUseError } from './data-dir-lock.ts';
import { EnvError, loadEnv } from './env.ts';
import { startGateway } from './gateway.ts';

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (error) {
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\nSee the README's configuration section.\n`);
    process.exit(1);
  }
  throw error;
}

const log = createLogger(env.LOG_LEVEL);
// Nothing of ours writes to stdout, but a library might: a closed pipe there must not crash or spin us either.
streamSink(process.stdout);

// One misbehaving engine must not take every other session down with it.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: reason }));
process.on('uncaughtException', (error) => log.error('uncaught exception', { error }));

const gateway = await startGateway(env, log).catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof DataDirInUseError) log.error(error.message);
  else if (code === 'EADDRINUSE')
    log.error(`port ${env.PORT} is already in use: stop the other process or set PORT`);
  else log.error('could not start', { error });
  process.exit(1);
});
log.info(`Switchboard is listening on ${gateway.url}`, { dataDir: env.DATA_DIR });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      log.warn(`second ${signal}: exiting now`);
      process.exit(130);
    }
    stopping = true;
    log.info(`${signal}: shutting down (send it again to exit at once)`);
    gateway.close().then(
      () => {
        log.info('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        log.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  });
}
