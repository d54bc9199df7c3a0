#include "core/explore/timeline_explorer.h"

#include "core/common/error.h"
#include "core/common/translate_errors.h"
#include "core/explore/explorer.h"
#include "core/explore/plane_view_builder.h"
#include "core/train/session_impl.h"

namespace gs {

bool timeline_supported(unsigned capabilities) {
  return (capabilities & (kCanSample | kCanTranslate | kGeneratesText)) != 0;
}

TimelineFrame render_timeline_frame(const Explorer& explorer, int plane_size) {
  return translate_errors("Rendering the timeline frame", [&] {
    TrainingSession::Impl& impl = explorer.internals();
    TimelineFrame frame;
    frame.step = impl.step;
    const unsigned caps = impl.model->capabilities();
    if (!timeline_supported(caps)) {
      throw Error("The " + impl.info.name + " model cannot sample, translate or write text, so its checkpoints "
                  "have no pictures to compare.");
    }
    if (impl.shape.points) {
      impl.ensure_data();
      if (!impl.plane || !impl.fixed_z.defined()) throw Error("This point model has no fixed batch to draw.");
      frame.image = PlaneViewBuilder::render(impl.plane->build(*impl.model, impl.fixed_z), plane_size);
    } else if (impl.model->text()) {
      SampleImages s;
      impl.text_sample(&s);
      frame.text = s.text;
    } else if (impl.model->translator()) {
      frame.image = impl.translations();
    } else {
      if (!impl.fixed_z.defined()) throw Error("This model has no fixed latent batch to decode.");
      frame.image = impl.decode_grid(impl.fixed_z);
    }
    return frame;
  });
}

}  // namespace gs
