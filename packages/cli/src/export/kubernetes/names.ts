// Kubernetes object names and labels for an app. An svctl name may hold "_", "." and capitals, which a
// Service name (an RFC 1035 label: lower case, starting with a letter, at most 63) may not.

/** The app's name as an RFC 1035 label. */
export function objectName(appName: string): string {
  const name = appName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  const label = /^[a-z]/.test(name) ? name : `app-${name}`;
  return label.slice(0, 63).replace(/-+$/, '');
}

/** The labels of every object of an app; the Deployment's selector too. */
export function appLabels(appName: string, namespace: string): Record<string, string> {
  return { 'app.kubernetes.io/name': objectName(appName), 'app.kubernetes.io/part-of': objectName(namespace) };
}
