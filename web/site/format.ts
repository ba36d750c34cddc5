// The formatters are shared with the portal and its mail: one definition, in shared/i18n.
export * from '../../shared/i18n/format.js';
