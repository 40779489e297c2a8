import { makeStyles } from '@fluentui/react-components';

/**
 * A native select is as wide as its longest option (the skjermingsnivå names are long): the
 * pickers of these views take the pane's width instead and never push past its edge.
 */
export const useSkrivStyles = makeStyles({
  felt: { minWidth: 0, maxWidth: '100%' },
  velger: { width: '100%', minWidth: 0, maxWidth: '100%' },
});
