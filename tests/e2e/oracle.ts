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
  id?: string;
  name: string;
  oneTime: number;
  running: number;
  delivery: number;
  ramp: number;
  confidence: number; // percent
  benefits: Benefit[];
  /** Criterion id → its 1–5 score. */
  scores?: Record<string, number>;
};

export type Settings = { horizonYears: number; ratePct: number; defaultRate: number; hoursPerFte?: number };

export const DEFAULTS: Settings = { horizonYears: 3, ratePct: 10, defaultRate: 65, hoursPerFte: 1800 };

export type Criterion = { id: string; weight: number; lowerIsBetter: boolean };

/** The README's default criteria: equal weights, effort lower is better. */
export const DEFAULT_CRITERIA: Criterion[] = [
  { id: 'strategic_fit', weight: 1, lowerIsBetter: false },
  { id: 'financial_return', weight: 1, lowerIsBetter: false },
  { id: 'customer_impact', weight: 1, lowerIsBetter: false },
  { id: 'risk_reduction', weight: 1, lowerIsBetter: false },
  { id: 'effort', weight: 1, lowerIsBetter: true },
];

/** The README's drivers, in the order of the comparison's rows `driver-0` … `driver-4`. */
export const DRIVERS = ['hours', 'outage', 'risk', 'cost', 'revenue'] as const;

/** Hours saved: yearly hours × adoption ÷ working hours per FTE-year; null when those are 0. */
export function fte(b: Benefit, s: Settings = DEFAULTS): number | null {
  if (b.kind !== 'hours') return null;
  const perFte = s.hoursPerFte ?? 1800;
  return perFte > 0 ? (b.hours * b.perYear * (b.adoption / 100)) / perFte : null;
}

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

export type Figures = {
  annual: number;
  /** Annual value by driver, indexed as DRIVERS (at full adoption, before confidence). */
  byDriver: number[];
  netTotal: number;
  npv: number;
  pvBenefits: number;
  pvCosts: number;
  roi: number | null;
  bcr: number | null;
  payback: number | null;
  /** Annualized, percent; null when the flows never change sign or no rate makes the NPV 0. */
  irr: number | null;
  costOfDelay: number;
  /** Undiscounted net flow of months 0 … horizon × 12. */
  net: number[];
};

/** The monthly timeline: PVs and the undiscounted net flows, with delivery moved by `delay`. */
function timeline(i: Initiative, s: Settings, annual: number, delay: number) {
  const months = s.horizonYears * 12;
  const monthly = Math.pow(1 + s.ratePct / 100, 1 / 12) - 1;
  let pvB = 0;
  let pvC = i.oneTime;
  const net: number[] = [-i.oneTime];
  for (let m = 1; m <= months; m++) {
    const share = Math.min(1, Math.max(0, (m - i.delivery - delay) / Math.max(i.ramp, 1)));
    const benefit = (annual / 12) * share * (i.confidence / 100);
    const cost = i.running / 12;
    const df = Math.pow(1 + monthly, -m);
    pvB += benefit * df;
    pvC += cost * df;
    net.push(benefit - cost);
  }
  return { pvB, pvC, net };
}

/** NPV of monthly flows at a monthly rate m, month 0 undiscounted. */
function npvAt(net: number[], m: number): number {
  let v = 0;
  for (let t = net.length - 1; t >= 0; t--) v = v / (1 + m) + net[t]; // Horner in 1/(1+m)
  return v;
}

/**
 * IRR (README): the monthly rate that makes the NPV of the monthly flows zero, annualized as
 * (1 + m)^12 − 1, in percent. Every sign change of the NPV on a grid in log(1 + m) from
 * −99.995% to +2,200,000% a month is bisected; the root closest to 0% is kept. Null when the
 * flows never change sign or none is found.
 */
export function irr(net: number[]): number | null {
  const nonZero = net.filter((f) => f !== 0);
  if (nonZero.every((f) => f > 0) || nonZero.every((f) => f < 0)) return null;
  const lo = Math.log1p(-0.99995);
  const hi = Math.log1p(22000);
  const steps = 8000;
  const roots: number[] = [];
  const at = (y: number) => npvAt(net, Math.expm1(y));
  let py = lo;
  let pv = at(lo);
  for (let k = 1; k <= steps; k++) {
    const y = lo + ((hi - lo) * k) / steps;
    const v = at(y);
    if (v === 0) roots.push(Math.expm1(y));
    else if (pv !== 0 && pv < 0 !== v < 0) {
      let [a, b, fa] = [py, y, pv];
      for (let n = 0; n < 200; n++) {
        const mid = (a + b) / 2;
        if (mid === a || mid === b) break;
        const fm = at(mid);
        if (fm < 0 === fa < 0) [a, fa] = [mid, fm];
        else b = mid;
      }
      roots.push(Math.expm1((a + b) / 2));
    }
    [py, pv] = [y, v];
  }
  if (roots.length === 0) return null;
  const m = roots.reduce((best, r) => (Math.abs(r) < Math.abs(best) ? r : best));
  return (Math.pow(1 + m, 12) - 1) * 100;
}

/** Payback: after the last month whose cumulative flow is negative, interpolated within the next. */
function paybackOf(net: number[]): number | null {
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
  if (lastNeg < 0) return 0;
  if (lastNeg === net.length - 1) return null;
  return lastNeg + Math.min(1, Math.max(0, -cumAtLastNeg / net[lastNeg + 1]));
}

export function figures(i: Initiative, s: Settings = DEFAULTS): Figures {
  const byDriver = DRIVERS.map((d) => i.benefits.filter((b) => b.kind === d).reduce((t, b) => t + annualValue(b, s), 0));
  const annual = i.benefits.reduce((t, b) => t + annualValue(b, s), 0);
  const { pvB, pvC, net } = timeline(i, s, annual, 0);
  const late = timeline(i, s, annual, 1);
  const npv = pvB - pvC;
  const netTotal = net.reduce((t, f) => t + f, 0);
  // "not defined" when the PV of costs is below half a cent
  const hasCosts = pvC >= 0.005;
  return {
    annual,
    byDriver,
    netTotal,
    npv,
    pvBenefits: pvB,
    pvCosts: pvC,
    roi: hasCosts ? (npv / pvC) * 100 : null,
    bcr: hasCosts ? pvB / pvC : null,
    payback: paybackOf(net),
    irr: irr(net),
    costOfDelay: npv - (late.pvB - late.pvC),
    net,
  };
}

/**
 * Weighted score 0–100 (README): each criterion's 1–5 score becomes (score − 1) ÷ 4, or
 * (5 − score) ÷ 4 when lower is better; the weighted mean × 100. Null with no weight.
 */
export function score(scores: Record<string, number>, criteria: Criterion[] = DEFAULT_CRITERIA): number | null {
  let sum = 0;
  let weight = 0;
  for (const c of criteria) {
    const v = scores[c.id];
    if (v === undefined) continue;
    sum += (c.lowerIsBetter ? (5 - v) / 4 : (v - 1) / 4) * c.weight;
    weight += c.weight;
  }
  return weight > 0 ? (sum / weight) * 100 : null;
}

// ---- Saved files ----------------------------------------------------------------------------

type Estimate = number | { low?: number; likely: number; high?: number };
const likely = (e: Estimate): number => (typeof e === 'number' ? e : e.likely);
const PER_YEAR: Record<string, number> = { week: 52, month: 12, year: 1 };

export type Scenario = { name: string; settings: Settings; criteria: Criterion[]; initiatives: Initiative[] };

/**
 * A saved file (the README's "Scenario format (JSON)": an envelope or a bare scenario) mapped to
 * the oracle's inputs. The figures use each estimate's `likely` value.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function fromSaved(doc: any): Scenario {
  const d = doc.format === 'caseboard' ? doc.data : doc;
  const settings: Settings = {
    horizonYears: d.horizon_years ?? 3,
    ratePct: likely(d.discount_rate_pct ?? 10),
    defaultRate: likely(d.default_hourly_rate ?? 65),
    hoursPerFte: likely(d.hours_per_fte_year ?? 1800),
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const criteria: Criterion[] = (d.criteria ?? DEFAULT_CRITERIA).map((c: any) =>
    'lowerIsBetter' in c ? c : { id: c.id, weight: c.weight, lowerIsBetter: c.direction === 'lower_is_better' },
  );
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const benefit = (b: any): Benefit => {
    const n = (k: string) => likely(b[k]);
    const rate = b.hourly_rate === undefined || b.hourly_rate === null ? undefined : likely(b.hourly_rate);
    switch (b.kind) {
      case 'hours_saved':
        return { kind: 'hours', hours: n('hours'), perYear: PER_YEAR[b.per], rate, adoption: n('adoption_pct'), recapture: n('recapture_pct') };
      case 'outage_avoided':
        return {
          kind: 'outage',
          baseline: n('baseline_minutes_per_year'),
          reduction: n('reduction_pct'),
          revenuePerMinute: n('revenue_per_minute'),
          revenueLost: n('revenue_impact_pct'),
          staff: n('affected_staff'),
          rate,
          productivityLost: n('productivity_loss_pct'),
          incidents: n('incidents_avoided_per_year'),
          costPerIncident: n('cost_per_incident'),
        };
      case 'risk_reduced':
        return { kind: 'risk', events: n('events_per_year'), loss: n('loss_per_event'), likelihoodCut: n('likelihood_reduction_pct'), impactCut: n('impact_reduction_pct') };
      case 'cost_avoided':
        return { kind: 'cost', amount: n('amount_per_year') };
      case 'revenue_gained':
        return { kind: 'revenue', revenue: n('revenue_per_year'), margin: n('margin_pct') };
      default:
        throw new Error(`unknown benefit kind ${b.kind}`);
    }
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const initiatives: Initiative[] = d.initiatives.map((i: any) => ({
    id: i.id,
    name: i.name,
    oneTime: likely(i.one_time_cost),
    running: likely(i.annual_running_cost),
    delivery: likely(i.delivery_months),
    ramp: likely(i.ramp_up_months),
    confidence: likely(i.confidence_pct ?? 100),
    benefits: i.benefits.map(benefit),
    scores: i.scores ?? {},
  }));
  return { name: d.name, settings, criteria, initiatives };
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
    scores: { strategic_fit: 3, financial_return: 4, customer_impact: 3, risk_reduction: 2, effort: 2 },
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
    scores: { strategic_fit: 4, financial_return: 4, customer_impact: 5, risk_reduction: 3, effort: 4 },
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
    scores: { strategic_fit: 4, financial_return: 3, customer_impact: 3, risk_reduction: 5, effort: 3 },
    benefits: [{ kind: 'risk', events: 0.08, loss: 4400000, likelihoodCut: 60, impactCut: 40 }],
  },
  {
    name: 'Consolidate monitoring tools',
    oneTime: 40000,
    running: 15000,
    delivery: 4,
    ramp: 2,
    confidence: 95,
    scores: { strategic_fit: 2, financial_return: 4, customer_impact: 1, risk_reduction: 2, effort: 2 },
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

/** A ratio with two decimals: "1.98×". */
export function ratio(r: number): string {
  return `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(r)}×`;
}

/** A 0–100 score to one decimal: "55", "62.5". */
export function scoreText(v: number): string {
  return num.format(Math.round(v * 10) / 10);
}

/** Ranks, 1 = best (highest first), ties share a rank. */
export function ranks(values: number[]): number[] {
  return values.map((v) => 1 + values.filter((o) => o > v).length);
}

export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${s}`;
}
