/** The confidence comparator's borough view in the browser: its declaration (src/figures/neighbourhoods/view.ts) run by the one controller. */
import { NEIGHBOURHOODS_VIEW, type NbState } from '../../figures/neighbourhoods/state.ts';
import type { BoroughContext } from '../../figures/neighbourhoods/view.ts';
import type { NeighbourhoodsInput } from '../../figures/neighbourhoods/figures.ts';
import type { ClientView } from '../view-page.ts';

const neighbourhoods: ClientView<BoroughContext, NbState, NeighbourhoodsInput> = {
  name: NEIGHBOURHOODS_VIEW,
  spec: () => import('../../figures/neighbourhoods/view.ts').then((m) => m.view),
};
export default neighbourhoods;
