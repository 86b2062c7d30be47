// The slice of autocannon's API the benchmarks use (the package ships no types).
declare module "autocannon" {
  type Histogram = { average: number; mean: number; p50: number; p90: number; p99: number; max: number; total: number };
  export type Result = { requests: Histogram; latency: Histogram; throughput: Histogram; errors: number; timeouts: number; non2xx: number };
  export type Options = {
    url: string;
    method?: string;
    connections?: number;
    duration?: number;
    amount?: number;
    body?: string;
    headers?: Record<string, string>;
    requests?: { method?: string; setupRequest?: (req: any) => any }[];
  };
  export default function autocannon(opts: Options): Promise<Result>;
}
