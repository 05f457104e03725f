// Starts Swagger UI on GET /docs (served by svctld, see docs/api.md). A file rather than an inline script,
// so that the page's Content-Security-Policy needs no 'unsafe-inline'. URLs are relative to /docs, so the
// page also works behind a reverse proxy that mounts the gateway under a prefix.
window.ui = window.SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [window.SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  validatorUrl: null,
});
