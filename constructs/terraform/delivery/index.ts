/** The GitHub OIDC provider and deploy/plan roles of the generated delivery workflows. */
export * from './github-oidc-deploy-role';
