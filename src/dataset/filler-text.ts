import { Prng } from './prng';

/**
 * Common English words the filler text is drawn from. Plain lower-case words tokenize to about 1.2–1.4
 * tokens each with the Qwen / Llama tokenizers, so `N` words is roughly `N` tokens give or take a third,
 * the same approximation the upstream recipes make ("8000word" for "8,000 text tokens").
 */
const VOCABULARY: readonly string[] = (
  'the of and to in is was for that on as with by at from his her they this which are be or an had not but ' +
  'have were one all their there been has more when will would who so no she other its may these about into ' +
  'than could our them only over first some time two most new such after very many also any those years made ' +
  'like under world between both way where three state being own long across while before city work through ' +
  'people system water school place house small light river large country number power group company market ' +
  'family point season music order court report field early later local found known called became second ' +
  'building street station paper garden morning evening window bridge island valley forest mountain harbor ' +
  'engine signal memory cache image layer token model server cluster node network request batch shadow sample ' +
  'process result method design update record letter figure table chapter history science nature animal plant ' +
  'stone metal glass cloud storm winter summer autumn spring north south east west center corner border road ' +
  'travel journey answer question reason problem change growth energy motion vision voice story theory'
).split(' ');

/** Words per sentence: a capital letter starts one, a period ends it. */
const SENTENCE_MIN = 8;
const SENTENCE_SPREAD = 9;

/**
 * Deterministic filler prose of exactly `words` words (space separated, sentences of 8–16 words),
 * drawn from `prng`. Same generator state, same text.
 */
export function fillerText(prng: Prng, words: number): string {
  const out: string[] = new Array<string>(words);
  let left = 0;
  for (let i = 0; i < words; i++) {
    let word = VOCABULARY[prng.nextInt(VOCABULARY.length)] as string;
    if (left === 0) {
      left = SENTENCE_MIN + prng.nextInt(SENTENCE_SPREAD);
      word = word.charAt(0).toUpperCase() + word.slice(1);
    }
    left--;
    out[i] = left === 0 || i === words - 1 ? `${word}.` : word;
  }
  return out.join(' ');
}
