// Jest's node environment, loaded outside the test sandbox, so the filter of
// restify's load-time deprecation warning reaches the worker's real `process`
// (the one Node's own code warns through); inside the sandbox it cannot.
import '../../app/restify-load-warning';
import { TestEnvironment } from 'jest-environment-node';

export default TestEnvironment;
