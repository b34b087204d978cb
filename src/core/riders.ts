// Several reads riding the lead view's two fetchAlls as one rider (core/lead-view.ts, Rider): their
// requests share each round trip's slot, and each is parsed on its own, so one rider's failure leaves the
// others' results.
import type { Call, HttpResponse } from './http';
import type { CrmOwner } from './ports';
import type { Rider } from './lead-view';

export function ridersTogether(riders: Array<Rider | null>): Rider | null {
  const present = riders.filter((r): r is Rider => r !== null);
  if (present.length < 2) return present[0] || null;
  return {
    first: () => together(present.map((r) => r.first())),
    second: (owners: CrmOwner[] | null) => together(present.map((r) => r.second(owners))),
  };
}

function together(calls: Call<unknown>[]): Call<unknown[]> {
  return {
    requests: calls.flatMap((call) => call.requests),
    parse: (responses: HttpResponse[]) => {
      let offset = 0;
      return calls.map((call) => {
        const share = responses.slice(offset, offset + call.requests.length);
        offset += call.requests.length;
        try {
          return call.parse(share);
        } catch {
          // A rider keeps its own results; an unreadable answer is its loss alone.
          return null;
        }
      });
    },
  };
}
