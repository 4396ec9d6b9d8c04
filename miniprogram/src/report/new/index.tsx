import { useEffect, useState } from 'preact/hooks';
import { Text, View } from '@tarojs/components';
import { createApiClient } from '@sunlight/api-client';
import {
  MAX_REPORT_DESCRIPTION,
  REPORT_KINDS,
  reportKindLabels,
  UNKNOWN_AGENCY,
} from '@sunlight/domain/schemas/report';
import { Btn, Choice, TextArea, TextInput, When } from '../../components/controls';
import { useQueue } from '../../components/hooks';
import { SubmissionState } from '../../components/SubmissionState';
import { ErrorText, Page } from '../../components/ui';
import { buildReport, emptyReportForm, type FieldErrors, firstError } from '../../lib/forms';
import { uuidV4 } from '../../lib/uuid';
import { config, queue, submit } from '../../services/app-services';
import { openReceipt, routeParams } from '../../services/navigation';
import { taroHttp } from '../../services/taro-http';

const UNKNOWN = { value: UNKNOWN_AGENCY, label: '不清楚' };

/**
 * 反映问题 without a certificate: what happened, which body (or 不清楚), when and where. Saved on the phone
 * first and sent through the offline queue like evaluations; the portal answers a receipt number.
 */
export default function ReportPage() {
  const certificateNo = routeParams().no;
  const [form, setForm] = useState(() => emptyReportForm());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [agencies, setAgencies] = useState([UNKNOWN]);
  const [submittedId, setSubmittedId] = useState<string | undefined>();
  const items = useQueue();
  const item = items.find((x) => x.id === submittedId);

  useEffect(() => {
    void createApiClient(taroHttp, config.apiBase)
      .listAgencies()
      .then((r) => {
        if (r.ok) setAgencies([...r.body.agencies.map((a) => ({ value: a.id, label: a.name })), UNKNOWN]);
      })
      .catch(() => undefined);
  }, []);

  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const send = () => {
    if (submittedId) return;
    const built = buildReport(form, uuidV4(), certificateNo);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setSubmittedId(submit('report', '', built.body).id);
  };
  const redo = () => {
    if (submittedId) queue.discard(submittedId);
    setSubmittedId(undefined);
  };

  return (
    <Page title="反映问题">
      <Text className="h1">反映检查中的问题</Text>
      <Text className="muted" style={{ display: 'block', marginBottom: '0.75rem' }}>
        不需要检查证。反映直接交区司法局办理，被反映的单位看不到是谁反映的。
      </Text>
      {submittedId ? (
        <View>
          <SubmissionState item={item} onRedo={redo} />
          {item?.receipt ? (
            <Btn className="btn btn-primary" onClick={() => void openReceipt(item.receipt!)} testid="open-receipt">
              查看办理进度
            </Btn>
          ) : null}
        </View>
      ) : (
        <View>
          <View className="field" role="radiogroup" aria-labelledby="kind-label">
            <Text className="label" id="kind-label">
              遇到了什么问题
            </Text>
            <View>
              {REPORT_KINDS.map((k) => (
                <Btn
                  key={k}
                  className={`chip ${form.kind === k ? 'chip-on' : ''}`}
                  pressed={form.kind === k}
                  testid={`kind-${k}`}
                  onClick={() => set({ kind: k })}
                >
                  {reportKindLabels[k]}
                </Btn>
              ))}
            </View>
            <ErrorText text={errors.kind} />
          </View>
          <View className="field">
            <Text className="label" id="agency-label">
              哪个单位来检查
            </Text>
            <Choice
              labelledBy="agency-label"
              options={agencies}
              value={form.agencyId}
              placeholder="请选择"
              testid="agency"
              onChange={(agencyId) => set({ agencyId })}
            />
            <ErrorText text={errors.agencyId} />
          </View>
          <View className="field">
            <Text className="label" id="when-label">
              什么时候
            </Text>
            <View style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
              <When
                mode="date"
                labelledBy="when-label"
                value={form.date}
                testid="date"
                onChange={(date) => set({ date })}
              />
              <When
                mode="time"
                labelledBy="when-label"
                value={form.time}
                testid="time"
                onChange={(time) => set({ time })}
              />
            </View>
            <ErrorText text={errors.date} />
          </View>
          <View className="field">
            <Text className="label" id="place-label">
              地点
            </Text>
            <TextInput
              value={form.place}
              maxLength={200}
              placeholder="企业名称或街道门牌"
              labelledBy="place-label"
              testid="place"
              onInput={(place) => set({ place })}
            />
            <ErrorText text={errors.place} />
          </View>
          <View className="field">
            <Text className="label" id="description-label">
              发生了什么（至少10个字）
            </Text>
            <TextArea
              value={form.description}
              maxLength={MAX_REPORT_DESCRIPTION}
              placeholder="写明经过，请勿填写身份证号等个人信息"
              labelledBy="description-label"
              testid="description"
              onInput={(description) => set({ description })}
            />
            <ErrorText text={errors.description} />
          </View>
          <View className="field">
            <Text className="label" id="officer-label">
              执法人员（选填）
            </Text>
            <TextInput
              value={form.officer}
              maxLength={100}
              placeholder="知道的话填姓名或执法证号"
              labelledBy="officer-label"
              onInput={(officer) => set({ officer })}
            />
          </View>
          <View className="field">
            <Text className="label" id="contact-label">
              联系方式（选填，只有区司法局能看到）
            </Text>
            <TextInput
              value={form.contact}
              maxLength={100}
              placeholder="电话或邮箱"
              labelledBy="contact-label"
              onInput={(contact) => set({ contact })}
            />
            <ErrorText text={errors.contact} />
          </View>
          <Btn className="btn btn-primary" onClick={send} testid="submit">
            提交反映
          </Btn>
          {Object.keys(errors).length ? <ErrorText text={`请先改正：${firstError(errors) ?? ''}`} /> : null}
        </View>
      )}
    </Page>
  );
}
