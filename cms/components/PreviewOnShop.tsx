import { Button } from '@payloadcms/ui'
import type React from 'react'
import { previewLinkPath } from '../../shared/preview.ts'

type Props = { id?: number | string }

/**
 * "Preview on the shop" beside Save and Publish on an item's edit screen (Items'
 * admin.components.edit.PreviewButton, in place of Payload's icon-only button): opens, in a new
 * tab, the CMS endpoint that signs a short-lived link and redirects to the shop's item page showing
 * the saved draft (cms/endpoints/itemPreview.ts). Not shown before the item's first save.
 */
export function PreviewOnShop({ id }: Props): React.ReactNode {
  if (id === undefined || id === null || id === '') return null
  return (
    // One line beside Save Draft and Publish changes, which would otherwise squeeze it into two.
    <div style={{ display: 'flex', whiteSpace: 'nowrap' }}>
      <Button
        buttonStyle="secondary"
        el="anchor"
        id="preview-on-shop"
        margin={false}
        newTab
        size="medium"
        tooltip="Shows the last saved draft, as shoppers will see it"
        url={previewLinkPath(id)}
      >
        Preview on the shop
      </Button>
    </div>
  )
}
