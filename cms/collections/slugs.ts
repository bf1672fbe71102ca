/** Collection slugs, named once so code never repeats the strings. */
export const ITEMS = 'items'
export const USERS = 'users'
