/**
 * A nominal ("branded") type: a `string` or `number` at run time that the compiler keeps apart
 * from plain values, so an OrderId cannot be passed where a StrategyId is expected and a Money
 * amount cannot be mixed with a dollar price. Values get their brand only from a parse/create
 * function that checked them.
 */
export type Brand<T, Name extends string> = T & { readonly __brand: Name };
