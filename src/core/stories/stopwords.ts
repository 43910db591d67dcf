/**
 * Words that say nothing about which story is told: English function words, and the words every STAR
 * answer uses whatever it is about. Kept here rather than read from the lexicon so that similarity needs
 * no content.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all almost also am among an and any are aren't around as at be because
  been before being below between both but by can can't could couldn't did didn't do does doesn't doing don't
  down during each either else even ever every few for from further get gets got had hadn't has hasn't have
  haven't having he her here hers herself him himself his how however i i'd i'll i'm i've if in into is
  isn't it it's its itself just let's like made make makes many may me might more most much must my myself
  need needed no nor not now of off on once one only onto or other others our ours ourselves out over own
  per quite rather really same she should shouldn't since so some still such than that that's the their
  theirs them themselves then there there's these they they'd they're this those though through to too two
  under until up upon us very via was wasn't we we'd we'll we're we've were weren't what what's when where
  whether which while who whom whose why will with within without won't would wouldn't yet you your yours
  yourself also actually basically lot lots thing things way ways something someone anything everything
  everyone really told said asked went came took gave put kept began started decided tried wanted able
  first next last finally eventually later soon already time times day days week weeks month months year
  years result results goal task situation action role team people`
    .split(/\s+/)
    .filter(Boolean),
);
