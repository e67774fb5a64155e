/**
 * The ward crime comparator in the browser: its declaration (src/figures/neighbourhoods/view.ts)
 * run by the one controller, and the ward search (a combobox over every Met ward, by name or
 * borough), which loads the wards when the reader first reaches for it.
 */
import { NEIGHBOURHOODS_WARD_VIEW } from '../../figures/neighbourhoods/state.ts';
import type { WardContext, WardView } from '../../figures/neighbourhoods/view.ts';
import type { Topology } from 'topojson-specification';
import { combobox } from '../combobox.ts';
import type { ClientView } from '../view-page.ts';

const wards: ClientView<WardContext, WardView, { wards: Topology; boroughs: Topology }> = {
  name: NEIGHBOURHOODS_WARD_VIEW,
  spec: () => import('../../figures/neighbourhoods/view.ts').then((m) => m.wardView),
  start(view) {
    const input = document.getElementById('neighbourhoods-ward-search') as HTMLInputElement | null;
    const list = document.getElementById('neighbourhoods-ward-options');
    if (!input || !list) return;
    for (const ev of ['pointerover', 'focusin'])
      input.addEventListener(ev, () => void view.ready().catch(() => undefined), { once: true });
    const find = async (q: string) => {
      const { ctx } = await view.ready();
      const label = (x: WardContext['wards']['wards'][number]) => `${x.name}, ${x.boroughName}`;
      const hits = ctx.wards.wards.filter((x) => label(x).toLowerCase().includes(q));
      // Names that begin with the text first, then by name.
      hits.sort(
        (a, b) =>
          Number(!a.name.toLowerCase().startsWith(q)) - Number(!b.name.toLowerCase().startsWith(q)) ||
          label(a).localeCompare(label(b), 'en-GB'),
      );
      return hits.slice(0, 12).map((x) => ({ label: label(x), value: x.code }));
    };
    combobox(input, list, find, (o) => void view.show({ ward: o.value }));
  },
  // The search box names the ward on show (one from the address too).
  drawn(_r, view) {
    void view.ready().then(({ ctx }) => {
      const w = ctx.wards.wards.find((x) => x.code === view.state?.ward);
      const input = document.getElementById('neighbourhoods-ward-search') as HTMLInputElement | null;
      if (w && input) input.value = `${w.name}, ${w.boroughName}`;
    });
  },
};
export default wards;
