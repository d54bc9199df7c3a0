# GenStudioInstall.cmake — `cmake --install build` and `cpack -G DEB`.
#
# Installs the two executables, the shipped models (share/genstudio/models, where
# find_shipped_classifier() looks relative to the executable, so any prefix
# works), the built-in lessons when the source tree has them (share/genstudio/lessons), the .desktop entry,
# the icon, the MIME types of checkpoints and sessions and the man pages, which
# are generated from the executables' --help with help2man at build time (left
# out, with a message, when help2man is missing: scripts/setup.sh installs it).
include(GNUInstallDirs)

install(TARGETS genstudio-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET genstudio)
  install(TARGETS genstudio RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

set(GENSTUDIO_SHARE_DIR ${CMAKE_INSTALL_DATADIR}/genstudio)
file(GLOB _shipped_models CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/models/*.gsckpt ${PROJECT_SOURCE_DIR}/models/*.gsclf)
install(FILES ${_shipped_models} ${PROJECT_SOURCE_DIR}/models/README.md
  DESTINATION ${GENSTUDIO_SHARE_DIR}/models)
# The built-in lessons (resources/lessons/*.json); OPTIONAL: a tree without them installs the rest.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/lessons/ DESTINATION ${GENSTUDIO_SHARE_DIR}/lessons OPTIONAL)

install(FILES ${PROJECT_SOURCE_DIR}/resources/genstudio.desktop
  DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/genstudio.svg
  DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/genstudio.png
  DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps)
install(FILES ${PROJECT_SOURCE_DIR}/resources/genstudio-mime.xml
  DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME genstudio.xml)

# Man pages from --help (help2man also reads --version).
find_program(HELP2MAN_PROGRAM help2man)
if(HELP2MAN_PROGRAM)
  set(_man_dir ${CMAKE_BINARY_DIR}/man)
  set(_pages)
  set(_env ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME=${_man_dir}/config)
  add_custom_command(OUTPUT ${_man_dir}/genstudio-cli.1
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_man_dir}
    COMMAND ${_env} ${HELP2MAN_PROGRAM} --no-info --section=1 --help-option=--help-all
            --name=train\ and\ inspect\ generative\ models\ from\ the\ command\ line
            --include=${PROJECT_SOURCE_DIR}/resources/man/genstudio-cli.h2m
            --output=${_man_dir}/genstudio-cli.1 $<TARGET_FILE:genstudio-cli>
    DEPENDS genstudio-cli ${PROJECT_SOURCE_DIR}/resources/man/genstudio-cli.h2m
    COMMENT "Generating the genstudio-cli(1) man page" VERBATIM)
  list(APPEND _pages ${_man_dir}/genstudio-cli.1)
  if(TARGET genstudio)
    add_custom_command(OUTPUT ${_man_dir}/genstudio.1
      COMMAND ${CMAKE_COMMAND} -E make_directory ${_man_dir}/config
      COMMAND ${_env} ${HELP2MAN_PROGRAM} --no-info --section=1
              --version-string=genstudio\ ${PROJECT_VERSION}  # its --version says "GenStudio"
              --name=train\ generative\ models\ and\ watch\ them\ learn
              --include=${PROJECT_SOURCE_DIR}/resources/man/genstudio.h2m
              --output=${_man_dir}/genstudio.1 $<TARGET_FILE:genstudio>
      DEPENDS genstudio ${PROJECT_SOURCE_DIR}/resources/man/genstudio.h2m
      COMMENT "Generating the genstudio(1) man page" VERBATIM)
    list(APPEND _pages ${_man_dir}/genstudio.1)
  endif()
  add_custom_target(genstudio_man ALL DEPENDS ${_pages})
  install(FILES ${_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: no man pages (scripts/setup.sh installs it)")
endif()

# cpack -G DEB (in the build folder) → genstudio_<version>_amd64.deb. The
# dependencies are the Debian packages of the libraries the executables link
# (found with dpkg -S on `ldd build/genstudio`), not computed by dpkg-shlibdeps
# because LibTorch's libraries come without shlibs files for some of them.
set(CPACK_PACKAGE_NAME genstudio)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "GenStudio")
set(CPACK_PACKAGE_CONTACT "GenStudio developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Train generative models and watch them learn")
# The package's long description (CPack puts the summary above it).
set(CPACK_PACKAGE_DESCRIPTION "GenStudio is a desktop studio and a command-line tool for training and \
exploring generative models (autoencoders, VAEs, GANs, style-based generators, CycleGAN, flows, \
PixelCNN, diffusion, RBMs and character-level text models) live on the CPU.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(GENSTUDIO_DEB_DEPENDS
  "libc6 (>= 2.36), libstdc++6 (>= 12), libgcc-s1, zlib1g, libtorch1.13, libqt6core6 (>= 6.4), libqt6gui6 (>= 6.4), libqt6widgets6 (>= 6.4), libqt6printsupport6 (>= 6.4), libqcustomplot2.1-qt6, libopencv-core406, libopencv-imgproc406, libopencv-imgcodecs406, libopencv-videoio406, libopencv-photo406, libgif7, libjemalloc2, libpng16-16, libjpeg62-turbo"
  CACHE STRING "Depends: of the Debian package made by cpack -G DEB")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${GENSTUDIO_DEB_DEPENDS}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "dataset-fashion-mnist, libopenblas0-openmp, fortunes, hicolor-icon-theme")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "opencv-doc")
set(CPACK_GENERATOR DEB)
include(CPack)
