// Auto mode's policy: which models a series gets, and when validation may overrule them.
//
// Every series, however short, gets the combination: the mean of the pretrained network
// (fine-tuned on the series) and the two strongest statistical methods, ETS and Theta — on the
// M3 dev series sMAPE 11.19 and MASE 1.259 against the M3 winner THETA's 11.67 and 1.350, where
// no single one of the three is ahead on both (bench/pretrained, bench/accuracy). Its intervals
// are the network's, from error tables measured across many series, moved onto the mean.
// A series long enough to train networks of its own also gets the local search (recurrent
// networks of every cell and direction, ensembled); validation then chooses between the two,
// and the baselines' guard may overrule the choice. On short series validation windows are few
// and overlap, so choosing on them is mostly noise: there the combination stands (on M3, a
// guard choosing Naive2 whenever it was ahead on the series' own recent origins made the
// forecasts worse, sMAPE 11.70 → 11.77).

/** The combination's kinds (by registry id) and how their forecasts join. */
export const COMBINATION: { kinds: readonly string[]; rule: 'mean' } = { kinds: ['pretrained', 'ets', 'theta'], rule: 'mean' };

/**
 * Fewest points (of the shortest cut a run searches on) from which auto mode also trains local
 * networks: below it a series is like the competition data (M1, M3: business series of up to
 * ~150 points), where networks trained on one series lose to the combination.
 */
export const LOCAL_MIN_POINTS = 150;

/** Fewest validation windows for validation to choose between models or let a baseline take over. */
export const MIN_CHOICE_WINDOWS = 12;
