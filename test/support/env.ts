// Tests run with the test environment's defaults and quiet logs unless a suite says otherwise.
process.env.NODE_ENV ??= 'test';
process.env.LOG_LEVEL ??= 'silent';
