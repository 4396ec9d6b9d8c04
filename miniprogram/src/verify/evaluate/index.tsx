import { useState } from 'preact/hooks';
import { Text, View } from '@tarojs/components';
import {
  EVALUATION_PROBLEMS,
  MAX_COMMENT_LENGTH,
  problemLabels,
  RATING_DIMENSIONS,
  ratingLabels,
} from '@sunlight/domain/schemas/evaluation';
import { AnonymityNote } from '../../components/AnonymityNote';
import { ErrorText, Page } from '../../components/ui';
import { useVerifySubmission, VerifyForm } from '../../components/VerifyForm';
import { buildEvaluation, emptyEvaluationForm, toggleProblem } from '../../lib/forms';
import { Btn, TextArea } from '../../components/controls';

const SCORE_WORDS = ['', '很差', '较差', '一般', '较好', '很好'];

export default function EvaluatePage() {
  const s = useVerifySubmission('evaluation');
  const { no, entry, errors } = s;
  const [form, setForm] = useState(emptyEvaluationForm);
  const earlier = s.items.find((x) => x.id === entry?.evaluationId);

  const onSubmit = () => s.send((ctx) => buildEvaluation(form, ctx));

  return (
    <Page title="事后评价">
      <Text className="h1">事后评价</Text>
      <Text className="muted" style={{ display: 'block', marginBottom: '0.75rem' }}>
        检查证 <Text className="mono">{no}</Text>
        {entry?.agencyName ? `，${entry.agencyName}` : ''}
      </Text>
      <AnonymityNote />
      {earlier && !s.submittedId ? (
        <Text className="hint" style={{ marginBottom: '0.75rem' }}>
          您已评价过这次检查（{earlier.state === 'sent' ? '已提交' : '已保存，待发送'}）：再次提交会替换上一次评价（7
          天内）。
        </Text>
      ) : null}
      <VerifyForm state={s} submitLabel="提交评价" onSubmit={onSubmit}>
        {RATING_DIMENSIONS.map((d) => (
          <View className="field" key={d} role="radiogroup" aria-labelledby={`r-${d}`}>
            <Text className="label" id={`r-${d}`}>
              {ratingLabels[d]}
              {form.ratings[d] ? `：${form.ratings[d]} 分（${SCORE_WORDS[form.ratings[d]!]}）` : ''}
            </Text>
            <View>
              {[1, 2, 3, 4, 5].map((n) => (
                <Btn
                  key={n}
                  className={`chip ${form.ratings[d] === n ? 'chip-on' : ''}`}
                  pressed={form.ratings[d] === n}
                  label={`${ratingLabels[d]} ${n} 分 ${SCORE_WORDS[n]}`}
                  testid={`rate-${d}-${n}`}
                  onClick={() => setForm({ ...form, ratings: { ...form.ratings, [d]: n } })}
                >
                  {n}
                </Btn>
              ))}
            </View>
            <ErrorText text={errors[`ratings.${d}`]} />
          </View>
        ))}
        <View className="field">
          <Text className="label">遇到的问题（可多选，没有可不选）</Text>
          <View>
            {EVALUATION_PROBLEMS.map((p) => (
              <Btn
                key={p}
                className={`chip ${form.problems.includes(p) ? 'chip-on' : ''}`}
                pressed={form.problems.includes(p)}
                testid={`problem-${p}`}
                onClick={() => setForm({ ...form, problems: toggleProblem(form.problems, p) })}
              >
                {problemLabels[p]}
              </Btn>
            ))}
          </View>
        </View>
        <View className="field">
          <Text className="label" id="comment-label">
            意见（可不填，{MAX_COMMENT_LENGTH}字以内）
          </Text>
          <TextArea
            value={form.comment}
            maxLength={MAX_COMMENT_LENGTH}
            placeholder="请勿填写身份证号、电话等个人信息"
            labelledBy="comment-label"
            testid="comment"
            onInput={(comment) => setForm({ ...form, comment })}
          />
          <ErrorText text={errors.comment} />
        </View>
      </VerifyForm>
    </Page>
  );
}
