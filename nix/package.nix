# The recipeci server and CLI, built from this repository with nixpkgs' .NET builder.
#
#   pkgs.callPackage ./nix/package.nix { }
#
# nugetDeps is nix/deps.json, a lock of every NuGet package src/RecipeCi restores (name, version and the
# sha256 of the .nupkg); regenerate it with nix/update-deps.sh whenever a package reference changes, or the
# build fails offline with "unable to find package".
{
  lib,
  stdenv,
  buildDotnetModule,
  dotnetCorePackages,
  docker-client,
}:

buildDotnetModule {
  pname = "recipeci";
  version = "0.1.0";

  # Only tracked files the build reads: tests, fixtures, nix/ and docker/ would change the source hash (and
  # rebuild) without changing the output, and untracked bin/, obj/ and node_modules/ must never leak in.
  src = lib.fileset.toSource {
    root = ../.;
    fileset = lib.fileset.intersection (lib.fileset.gitTracked ../.) (
      lib.fileset.unions [
        ../.editorconfig
        ../Directory.Build.props
        ../Directory.Packages.props
        ../global.json
        ../src
        ../workflows
      ]
    );
  };

  projectFile = "src/RecipeCi/RecipeCi.csproj";
  nugetDeps = ./deps.json;

  # ReadyToRun: code compiled ahead of time (crossgen), so the server's start compiles about a third less at run
  # time. buildDotnetModule restores and publishes for the platform's runtime id, which ReadyToRun needs; deps.json
  # holds the crossgen compiler and runtime packs for linux-x64 only (nix/update-deps.sh restores with the same
  # property), so other platforms build without it (JIT only).
  dotnetFlags = lib.optionals stdenv.hostPlatform.isx86_64 [ "-p:PublishReadyToRun=true" ];

  dotnet-sdk = dotnetCorePackages.sdk_10_0;
  dotnet-runtime = dotnetCorePackages.aspnetcore_10_0;

  # The assembly is named recipeci (AssemblyName in the csproj); this is the wrapper put in $out/bin.
  executables = [ "recipeci" ];

  # The bundled workflow definitions (quick, cold, ...) ship next to the binary so the module can point
  # the server at them.
  postInstall = ''
    mkdir -p $out/share/recipeci
    cp -r workflows $out/share/recipeci/workflows
  '';

  # The server talks to the Docker engine API over the socket itself; `docker` on PATH is for the operator
  # running recipeci commands by hand and for recipe scripts that shell out to it.
  makeWrapperArgs = [ "--prefix PATH : ${lib.makeBinPath [ docker-client ]}" ];

  meta = {
    description = "CI server for Co-op Cloud recipes (workflow engine, Docker Swarm deploys)";
    mainProgram = "recipeci";
    platforms = lib.platforms.linux;
  };
}
