export * from './tenancy';
export * from './identity';
export * from './activity';
export * from './imports';
export * from './integrations';
export * from './billing';
export * from './licences';
export * from './gateways';
