import { NetworkError, problemMessage } from '../lib/http';
import { parseSearchAnswer, type SearchAnswer, type SearchForm, toQuery, toQueryString } from '../lib/search';
import { config } from './app-services';
import { taroHttp } from './taro-http';

export async function searchDisclosures(form: SearchForm): Promise<SearchAnswer> {
  const res = await taroHttp({
    url: `${config.apiBase}/api/v1/disclosures?${toQueryString(toQuery(form))}`,
    timeoutMs: 10_000,
  });
  if (res.status !== 200) throw new NetworkError(problemMessage(res));
  return parseSearchAnswer(res.data);
}
