/**
 * The identity objects a Ticket Center has placed in the DOM on this page. Such an identity is
 * never embedded again from the cache: the next mount asks the endpoint first, because the user
 * may have changed meanwhile. (`has` of a non-object is simply false.)
 */
export const embeddedIdentities = new WeakSet<object>();
