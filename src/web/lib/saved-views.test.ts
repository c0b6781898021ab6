import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  columnsOf,
  groupViews,
  isViewResource,
  keepOpenedView,
  matchesView,
  openedViewOf,
  openedViewState,
  queryProblems,
  viewInUse,
  viewLabel,
  viewQueryOf,
  viewSearch,
  viewSummary,
} from './saved-views.js';

const pageState = new Set(['cols', 'view', 'new']);
const defaults = ['name', 'type', 'city', 'owner'];
const url = (query: string) => new URLSearchParams(query);

type TestView = {
  id: string;
  name: string;
  ownerId: string | null;
  shared: boolean;
  query: string;
  columns: string[] | null;
};
const view = (fields: Partial<TestView> & Pick<TestView, 'id' | 'name'>): TestView => ({
  ownerId: 'me',
  shared: false,
  query: '',
  columns: null,
  ...fields,
});

describe('isViewResource', () => {
  it('takes the record lists and nothing else', () => {
    for (const resource of ['accounts', 'contacts', 'leads', 'opportunities', 'activities', 'tasks', 'quotes']) {
      expect(isViewResource(resource)).toBe(true);
    }
    for (const resource of ['users', 'territories', 'products', 'webhooks', 'price-lists']) {
      expect(isViewResource(resource)).toBe(false);
    }
  });
});

describe('viewQueryOf', () => {
  it('keeps filters, search and sort, sorted by name, and leaves out page state and paging', () => {
    const search = url('type=dealer&cols=name,type&sort=-annualRevenue&cursor=abc&new=1&q=north&view=list&limit=5');
    expect(viewQueryOf(search, pageState)).toBe('q=north&sort=-annualRevenue&type=dealer');
  });

  it('drops empty values and keeps the first of a repeated parameter', () => {
    expect(viewQueryOf(url('type=&ownerId=me&ownerId=other&includeTotal=true'), pageState)).toBe('ownerId=me');
  });

  it('keeps comma-separated alternatives as one value, encoded as the URL encodes them', () => {
    const query = viewQueryOf(url('type=dealer%2Cpartner&territoryId=t1'), pageState);
    expect(query).toBe('territoryId=t1&type=dealer%2Cpartner');
    expect(new URLSearchParams(query).get('type')).toBe('dealer,partner');
  });

  it('is empty for a list with nothing asked', () => {
    expect(viewQueryOf(url('cols=name,phone'), pageState)).toBe('');
  });
});

describe('canonicalQuery', () => {
  it('reads the same whatever the order, a leading ? or the encoding', () => {
    expect(canonicalQuery('?sort=name&type=dealer')).toBe(canonicalQuery('type=dealer&sort=name'));
    expect(canonicalQuery('q=north%20wind')).toBe(canonicalQuery('q=north+wind'));
  });
});

describe('columnsOf', () => {
  it('answers the chosen columns in order', () => {
    expect(columnsOf(url('cols=name,type,phone'), defaults)).toEqual(['name', 'type', 'phone']);
  });

  it('answers null when none are chosen, or exactly the default ones', () => {
    expect(columnsOf(url('type=dealer'), defaults)).toBeNull();
    expect(columnsOf(url('cols='), defaults)).toBeNull();
    expect(columnsOf(url('cols=name,type,city,owner'), defaults)).toBeNull();
  });
});

describe('viewSearch', () => {
  it('opens the list with the query and the columns', () => {
    const search = url(viewSearch({ query: 'type=dealer&sort=name', columns: ['name', 'phone'] }));
    expect(search.get('type')).toBe('dealer');
    expect(search.get('sort')).toBe('name');
    expect(search.get('cols')).toBe('name,phone');
  });

  it('leaves cols out for the default columns', () => {
    expect(viewSearch({ query: 'type=dealer', columns: null })).toBe('type=dealer');
    expect(viewSearch({ query: '', columns: null })).toBe('');
  });
});

describe('matchesView', () => {
  const dealers = { query: 'sort=name&type=dealer', columns: ['name', 'phone'] };

  it('matches the URL the view opens, whatever the order or the page state', () => {
    expect(matchesView(url(viewSearch(dealers)), dealers, pageState, defaults)).toBe(true);
    expect(matchesView(url('cols=name,phone&type=dealer&new=1&cursor=x&sort=name'), dealers, pageState, defaults)).toBe(
      true,
    );
  });

  it('does not match once a filter, the search, the sort or the columns change', () => {
    expect(matchesView(url('type=dealer&cols=name,phone'), dealers, pageState, defaults)).toBe(false);
    expect(matchesView(url('type=partner&sort=name&cols=name,phone'), dealers, pageState, defaults)).toBe(false);
    expect(matchesView(url('type=dealer&sort=name&q=x&cols=name,phone'), dealers, pageState, defaults)).toBe(false);
    expect(matchesView(url('type=dealer&sort=name'), dealers, pageState, defaults)).toBe(false);
    expect(matchesView(url('type=dealer&sort=name&cols=name,phone,city'), dealers, pageState, defaults)).toBe(false);
  });

  it('takes the default columns, chosen or not, as a view without columns', () => {
    const plain = { query: 'type=dealer', columns: null };
    expect(matchesView(url('type=dealer'), plain, pageState, defaults)).toBe(true);
    expect(matchesView(url('type=dealer&cols=name,type,city,owner'), plain, pageState, defaults)).toBe(true);
    expect(matchesView(url('type=dealer&cols=name,type'), plain, pageState, defaults)).toBe(false);
  });
});

describe('groupViews', () => {
  it('puts the caller’s own first, then the shared ones of others, then their team’s, each by name', () => {
    const views = [
      view({ id: '1', name: 'zebra' }),
      view({ id: '2', name: 'Apple' }),
      view({ id: '3', name: 'Team stuff', ownerId: 'rep', shared: false }),
      view({ id: '4', name: 'Everyone', ownerId: 'rita', shared: true }),
      view({ id: '5', name: 'mine, shared', shared: true }),
    ];
    const groups = groupViews(views, 'me');
    expect(groups.mine.map((item) => item.name)).toEqual(['Apple', 'mine, shared', 'zebra']);
    expect(groups.shared.map((item) => item.id)).toEqual(['4']);
    expect(groups.team.map((item) => item.id)).toEqual(['3']);
  });
});

describe('viewInUse and viewLabel', () => {
  const mine = view({ id: 'a', name: 'Dealers', query: 'type=dealer' });
  const theirs = view({ id: 'b', name: 'Dealers (Rita)', ownerId: 'rita', shared: true, query: 'type=dealer' });
  const options = { pageState, defaults, meId: 'me' };

  it('is the view the URL matches, the caller’s own before a shared one', () => {
    const inUse = viewInUse([theirs, mine], url('type=dealer'), options);
    expect(inUse).toEqual({ view: mine, edited: false });
    expect(viewLabel(inUse)).toBe('Dealers');
  });

  it('is the view opened, even when another matches too', () => {
    expect(viewInUse([theirs, mine], url('type=dealer'), { ...options, openedId: 'b' })?.view).toBe(theirs);
  });

  it('says the view opened is edited once the URL moves away from it', () => {
    const inUse = viewInUse([mine], url('type=dealer&ownerId=me'), { ...options, openedId: 'a' });
    expect(inUse).toEqual({ view: mine, edited: true });
    expect(viewLabel(inUse)).toBe('Dealers (edited)');
  });

  it('is none when no view matches and none was opened (or the one opened is gone)', () => {
    expect(viewInUse([mine], url('type=partner'), options)).toBeUndefined();
    expect(viewInUse([mine], url('type=partner'), { ...options, openedId: 'deleted' })).toBeUndefined();
    expect(viewLabel(undefined)).toBe('Views');
  });
});

describe('the history entry’s view', () => {
  it('is read from the state, and carried along without the rest of it', () => {
    expect(openedViewOf(openedViewState('v1'))).toBe('v1');
    expect(openedViewOf(null)).toBeUndefined();
    expect(openedViewOf({ previous: ['c'] })).toBeUndefined();
    expect(keepOpenedView({ previous: ['c'], savedViewId: 'v1' })).toEqual({ savedViewId: 'v1' });
    expect(keepOpenedView({ previous: ['c'] })).toEqual({});
    expect(keepOpenedView(undefined)).toEqual({});
  });
});

describe('viewSummary', () => {
  it('says what the view keeps', () => {
    expect(viewSummary('q=acme&sort=name&territoryId=t&type=dealer', ['name', 'phone'])).toBe(
      '2 filters, the search “acme” and the sort, with 2 chosen columns.',
    );
    expect(viewSummary('type=dealer', null)).toBe('1 filter, with the default columns.');
    expect(viewSummary('', null)).toBe('The whole list, with the default columns.');
  });
});

describe('queryProblems', () => {
  it('names each refused parameter, and nothing about other fields', () => {
    expect(
      queryProblems([
        { path: 'query.colour', message: 'not a parameter of the accounts list' },
        { path: 'name', message: 'Required' },
        { path: 'query.type', message: 'Invalid option' },
      ]),
    ).toEqual(['“colour”: not a parameter of the accounts list', '“type”: Invalid option']);
  });
});
