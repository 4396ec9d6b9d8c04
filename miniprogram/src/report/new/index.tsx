import { useEffect, useRef, useState } from 'preact/hooks';
import { Text, View } from '@tarojs/components';
import { createApiClient } from '@sunlight/api-client';
import {
  MAX_REPORT_DESCRIPTION,
  MAX_REPORT_PHOTOS,
  REPORT_KINDS,
  reportKindLabels,
  UNKNOWN_AGENCY,
} from '@sunlight/domain/schemas/report';
import { Btn, Choice, TextArea, TextInput, Thumb, When } from '../../components/controls';
import { useQueue } from '../../components/hooks';
import { SubmissionState } from '../../components/SubmissionState';
import { ErrorText, Page } from '../../components/ui';
import { buildReport, emptyReportForm, type FieldErrors, firstError } from '../../lib/forms';
import { photoProgress } from '../../lib/queue';
import { uuidV4 } from '../../lib/uuid';
import { config, queue, submit } from '../../services/app-services';
import { openReceipt, routeParams } from '../../services/navigation';
import { taroHttp } from '../../services/taro-http';
import { type ChosenPhoto, choosePhotos, PHOTO_LIMIT_BYTES, photoStore } from '../../services/taro-photos';

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
  const [photos, setPhotos] = useState<ChosenPhoto[]>([]);
  const [photoErrors, setPhotoErrors] = useState<string[]>([]);
  const [choosing, setChoosing] = useState(false);
  const items = useQueue();
  const item = items.find((x) => x.id === submittedId);
  const progress = photoProgress(item);

  // Photos kept on the phone for a report that is never filed are released when the page closes.
  const unfiled = useRef<ChosenPhoto[]>([]);
  unfiled.current = submittedId ? [] : photos;
  useEffect(() => () => unfiled.current.forEach((p) => photoStore.drop(p.ref)), []);

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
    setSubmittedId(submit('report', '', built.body, photos).id);
  };
  const addPhotos = () => {
    if (choosing || photos.length >= MAX_REPORT_PHOTOS) return;
    setChoosing(true);
    void choosePhotos(MAX_REPORT_PHOTOS - photos.length, photos.length)
      .then((r) => {
        setPhotos((prev) => [...prev, ...r.photos].slice(0, MAX_REPORT_PHOTOS));
        setPhotoErrors(r.errors);
      })
      .finally(() => setChoosing(false));
  };
  const removePhoto = (index: number) => {
    const gone = photos[index];
    if (gone) photoStore.drop(gone.ref);
    setPhotos(photos.filter((_, i) => i !== index));
    setPhotoErrors([]);
  };
  const redo = () => {
    // The refused report's photos go with it (their bytes are released): they are chosen again.
    if (submittedId) queue.discard(submittedId);
    setSubmittedId(undefined);
    setPhotos([]);
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
          {item?.photos?.length ? (
            <View className="card" role="status" aria-live="polite" data-testid="photo-progress">
              <Text style={{ display: 'block' }}>
                照片：已送达 {progress.sent} 张
                {progress.waiting && item.state !== 'rejected'
                  ? `，还有 ${progress.waiting} 张待发送（反映受理后自动发送）`
                  : ''}
              </Text>
              {progress.refused.map((p) => (
                <ErrorText key={p.ref} text={`一张照片未被接受：${p.message ?? '需要时请另行反映'}`} />
              ))}
            </View>
          ) : null}
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
          <View className="field">
            <Text className="label" id="photos-label">
              照片（选填，最多{MAX_REPORT_PHOTOS}张）
            </Text>
            <Text className="muted" style={{ display: 'block' }}>
              JPEG 或 PNG，每张不超过 {PHOTO_LIMIT_BYTES / 1024 / 1024}{' '}
              MB。只有区司法局能看到；拍摄位置等信息会在保存前去除。
            </Text>
            {photos.length ? (
              <View className="thumbs" aria-labelledby="photos-label">
                {photos.map((p, i) => (
                  <View className="thumb" key={p.ref}>
                    <Thumb src={photoStore.preview(p.ref)} alt={`第${i + 1}张照片`} />
                    <Btn
                      className="btn btn-small"
                      label={`删除第${i + 1}张照片`}
                      testid={`remove-photo-${i + 1}`}
                      onClick={() => removePhoto(i)}
                    >
                      删除
                    </Btn>
                  </View>
                ))}
              </View>
            ) : null}
            {photos.length < MAX_REPORT_PHOTOS ? (
              <Btn className="btn" onClick={addPhotos} disabled={choosing} testid="add-photo">
                {`添加照片（已选${photos.length}张）`}
              </Btn>
            ) : null}
            {photoErrors.map((e) => (
              <ErrorText key={e} text={e} />
            ))}
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
