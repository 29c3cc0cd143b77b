/** The page's addresses for a catalog server, as the routes in routes.tsx read them (registry names hold a slash). */
export const catalogPage = (name: string) => `/marketplace/${encodeURIComponent(name)}`
export const installPage = (name: string) => `/servers/${encodeURIComponent(name)}`
