import { HonoBase, type HonoOptions } from 'hono/hono-base';
import { TrieRouter } from 'hono/router/trie-router';
import type { BlankEnv, BlankSchema, Env, Schema } from 'hono/types';

/**
 * `Hono` as `hono` exports it, with its `TrieRouter` alone instead of the `SmartRouter` that
 * first tries a `RegExpRouter`. Every app and route module builds on this one, so the
 * RegExpRouter is off the Workers' bundles (1.8 KB gzip). The routes and their matches are
 * the same (TrieRouter is the SmartRouter's own fallback); measured on our 133 routes, a
 * match costs about 1 µs more (1.2 against 0.1–0.2 µs), and a new isolate no longer
 * compiles the RegExpRouter's matcher on its first request (1–2.5 ms).
 */
export class Hono<E extends Env = BlankEnv, S extends Schema = BlankSchema, BasePath extends string = '/'> extends HonoBase<E, S, BasePath> {
  constructor(options: HonoOptions<E> = {}) {
    super(options);
    this.router = options.router ?? new TrieRouter();
  }
}
