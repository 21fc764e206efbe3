# datasweep_embed(TARGET NAME FILE): compiles FILE into TARGET as the read-only byte range
# [ds_res_NAME, ds_res_NAME_end), followed by a NUL. Used for the default policy and the name
# dictionaries so the binary is self-contained. Declare the symbols with DATASWEEP_RESOURCE(NAME)
# from embedded_resource.h.
function(datasweep_embed target name file)
  set(asm ${CMAKE_BINARY_DIR}/embed/${name}.S)
  file(WRITE ${asm}.in
    ".section .rodata\n.global ds_res_${name}\n.global ds_res_${name}_end\n.balign 16\n"
    "ds_res_${name}:\n.incbin \"${file}\"\nds_res_${name}_end:\n.byte 0\n"
    ".section .note.GNU-stack,\"\",@progbits\n")
  configure_file(${asm}.in ${asm} COPYONLY)
  set_source_files_properties(${asm} PROPERTIES OBJECT_DEPENDS ${file})
  target_sources(${target} PRIVATE ${asm})
endfunction()
