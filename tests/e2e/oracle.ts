// An independent re-implementation of the README's formulas ("How the figures are computed"),
// used to check the figures the app shows. It shares no code with the app.

export type Benefit =
  | { kind: 'hours'; hours: number; perYear: number; rate?: number; adoption: number; recapture: number }
  | {
      kind: 'outage';
      baseline: number;
      reduction: number;
      revenuePerMinute: number;
      revenueLost: number;
      staff: number;
      rate?: number;
      productivityLost: number;
      incidents: number;
      costPerIncident: number;
    }
  | { kind: 'risk'; events: number; loss: number; likelihoodCut: number; impactCut: number }
  | { kind: 'cost'; amount: number }
  | { kind: 'revenue'; revenue: number; margin: number };

export type Initiative = {
  name: string;
  oneTime: number;
  running: number;
  delivery: number;
  ramp: number;
  confidence: number; // percent
  benefits: Benefit[];
};

export type Settings = { horizonYears: number; ratePct: number; defaultRate: number };

export const DEFAULTS: Settings = { horizonYears: 3, ratePct: 10, defaultRate: 65 };

export function annualValue(b: Benefit, s: Settings): number {
  switch (b.kind) {
    case 'hours':
      return b.hours * b.perYear * (b.rate ?? s.defaultRate) * (b.adoption / 100) * (b.recapture / 100);
    case 'outage': {
      const minutes = b.baseline * (b.reduction / 100);
      const perMinute =
        b.revenuePerMinute * (b.revenueLost / 100) + b.staff * ((b.rate ?? s.defaultRate) / 60) * (b.productivityLost / 100);
      return minutes * perMinute + b.incidents * b.costPerIncident;
    }
    case 'risk': {
      const before = b.events * b.loss;
      const after = b.events * (1 - b.likelihoodCut / 100) * b.loss * (1 - b.impactCut / 100);
      return before - after;
    }
    case 'cost':
      return b.amount;
    case 'revenue':
      return b.revenue * (b.margin / 100);
  }
}

export type Figures = { annual: number; netTotal: number; npv: number; pvBenefits: number; pvCosts: number; roi: number | null; payback: number | null };

export function figures(i: Initiative, s: Settings = DEFAULTS): Figures {
  const months = s.horizonYears * 12;
  const monthly = Math.pow(1 + s.ratePct / 100, 1 / 12) - 1;
  const annual = i.benefits.reduce((t, b) => t + annualValue(b, s), 0);
  let pvB = 0;
  let pvC = i.oneTime;
  const net: number[] = [-i.oneTime];
  for (let m = 1; m <= months; m++) {
    const share = Math.min(1, Math.max(0, (m - i.delivery) / Math.max(i.ramp, 1)));
    const benefit = (annual / 12) * share * (i.confidence / 100);
    const cost = i.running / 12;
    const df = Math.pow(1 + monthly, -m);
    pvB += benefit * df;
    pvC += cost * df;
    net.push(benefit - cost);
  }
  // payback: after the last month whose cumulative flow is negative, interpolated
  let cum = 0;
  let lastNeg = -1;
  let cumAtLastNeg = 0;
  net.forEach((f, t) => {
    cum += f;
    if (cum < 0) {
      lastNeg = t;
      cumAtLastNeg = cum;
    }
  });
  let payback: number | null;
  if (lastNeg < 0) payback = 0;
  else if (lastNeg === months) payback = null;
  else payback = lastNeg + Math.min(1, Math.max(0, -cumAtLastNeg / net[lastNeg + 1]));
  const npv = pvB - pvC;
  const netTotal = net.reduce((t, f) => t + f, 0);
  return { annual, netTotal, npv, pvBenefits: pvB, pvCosts: pvC, roi: pvC > 0 ? (npv / pvC) * 100 : null, payback };
}

// The built-in example's inputs (src/model/example.rs), as a user would read them on screen.
export const EXAMPLE: Initiative[] = [
  {
    name: 'Service desk workflow automation',
    oneTime: 85000,
    running: 24000,
    delivery: 3,
    ramp: 4,
    confidence: 90,
    benefits: [
      { kind: 'hours', hours: 200, perYear: 12, adoption: 80, recapture: 75 },
      { kind: 'hours', hours: 40, perYear: 52, rate: 55, adoption: 90, recapture: 50 },
    ],
  },
  {
    name: 'Sales portal high availability',
    oneTime: 260000,
    running: 72000,
    delivery: 6,
    ramp: 1,
    confidence: 85,
    benefits: [
      {
        kind: 'outage',
        baseline: 540,
        reduction: 80,
        revenuePerMinute: 800,
        revenueLost: 60,
        staff: 120,
        rate: 55,
        productivityLost: 50,
        incidents: 8,
        costPerIncident: 5000,
      },
    ],
  },
  {
    name: 'MFA and immutable backups',
    oneTime: 150000,
    running: 45000,
    delivery: 4,
    ramp: 2,
    confidence: 70,
    benefits: [{ kind: 'risk', events: 0.08, loss: 4400000, likelihoodCut: 60, impactCut: 40 }],
  },
  {
    name: 'Consolidate monitoring tools',
    oneTime: 40000,
    running: 15000,
    delivery: 4,
    ramp: 2,
    confidence: 95,
    benefits: [
      { kind: 'cost', amount: 85000 },
      { kind: 'hours', hours: 10, perYear: 52, rate: 80, adoption: 100, recapture: 80 },
    ],
  },
];

// How the app presents figures in the en-US locale (USD, whole dollars; percent with one decimal
// between 1% and 99%; months to one decimal).
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0, minimumFractionDigits: 0 });
const num = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

export const money = (v: number): string => usd.format(v);

export function percent(p: number): string {
  const digits = Math.abs(p) >= 100 || Number.isInteger(p) ? 0 : Math.abs(p) < 1 || (p > 99 && p < 100) ? 3 : 1;
  return `${num.format(Number(p.toFixed(digits)))}%`;
}

export function months(m: number): string {
  const r = Math.round(m * 10) / 10;
  return r === 1 ? '1 month' : `${num.format(r)} months`;
}

/** Ranks, 1 = best (highest first), ties share a rank. */
export function ranks(values: number[]): number[] {
  return values.map((v) => 1 + values.filter((o) => o > v).length);
}

export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${s}`;
}
