/** Where TorchServe's files live in the pod (every writable path is an emptyDir: the root filesystem is read-only). */
export const ARCHIVE_VOLUME = 'model-store';
/** The model store: `<model>.mar` archives synced from the model bucket. */
export const ARCHIVE_STORE_PATH = '/models/store';
export const CONFIG_VOLUME = 'torchserve-config';
export const CONFIG_PATH = '/etc/torchserve';
/** The image's home and working directory: TorchServe writes `logs/` and `tmp/` (its `TEMP`) there. */
export const HOME_VOLUME = 'home';
export const HOME_PATH = '/home/model-server';
export const TMP_VOLUME = 'tmp';
export const SHM_VOLUME = 'dshm';
