// "did you mean …" lives in core (thresholds validation uses it too); re-exported for the CLI's callers.
export { closest, didYouMean } from '../core/util/suggest';
