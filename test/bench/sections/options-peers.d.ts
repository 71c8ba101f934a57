// Types for the CommonJS peer packages the "options" benchmark compares against (they ship none).
// Units as their READMEs state: t in years, v and r as decimals; getVega per 1 volatility point,
// getTheta per calendar day (scale 365), getRho per 1 rate point (scale 100): the same as ours.
declare module 'black-scholes' {
  const blackScholesPackage: {
    blackScholes(s: number, k: number, t: number, v: number, r: number, callPut: 'call' | 'put'): number;
  };
  export default blackScholesPackage;
}

declare module 'greeks' {
  const greeksPackage: {
    getDelta(s: number, k: number, t: number, v: number, r: number, callPut: 'call' | 'put'): number;
    getGamma(s: number, k: number, t: number, v: number, r: number): number;
    getVega(s: number, k: number, t: number, v: number, r: number): number;
    getTheta(s: number, k: number, t: number, v: number, r: number, callPut: 'call' | 'put', scale?: number): number;
    getRho(s: number, k: number, t: number, v: number, r: number, callPut: 'call' | 'put', scale?: number): number;
  };
  export default greeksPackage;
}

declare module 'implied-volatility' {
  const impliedVolatilityPackage: {
    getImpliedVolatility(expectedCost: number, s: number, k: number, t: number, r: number, callPut: 'call' | 'put', estimate?: number): number;
  };
  export default impliedVolatilityPackage;
}
