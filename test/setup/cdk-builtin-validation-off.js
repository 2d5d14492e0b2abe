/**
 * Jest setup (jest.config.js `setupFiles`): CDK apps built by tests skip aws-cdk-lib's built-in template
 * validation. It only warns (never fails a synth), loads a WebAssembly engine and costs seconds of CPU per app,
 * and the suite has hundreds of apps; `aimd synth` still runs it. renderBlueprint and the test apps already turn
 * it off one by one (`builtinCloudFormationValidation: false`); this covers every app a new test creates.
 * `CDK_VALIDATION=false`: aws-cdk-lib README, "Template and Policy Validation" (2.276.0, read 2026-12-03).
 * Tests that run a user's app in a child process (test/package/consumer.test.ts) remove it from the child's env.
 */
process.env.CDK_VALIDATION = 'false';
