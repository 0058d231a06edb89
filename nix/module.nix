# NixOS module for the recipeci server: services.recipeci.
#
#   imports = [ /path/to/recipeci/nix/module.nix ];
#   services.recipeci = {
#     enable = true;
#     settings.Ci.Domain = "ci.example.org";
#     secretFiles."Ci:ApiKey" = "/run/keys/recipeci-api-key";
#     database.createLocally = true;   # PostgreSQL on this host
#     rabbitmq.createLocally = true;   # RabbitMQ on 127.0.0.1
#   };
#
# Settings use the configuration keys of src/RecipeCi/Configuration (README "Configuration"); they are
# rendered to appsettings.json. Secrets never enter the world-readable Nix store: each file in secretFiles is
# handed to the unit with LoadCredential and exported as RECIPECI_<Key with : as __> at start.
{
  config,
  lib,
  pkgs,
  ...
}:

let
  cfg = config.services.recipeci;
  json = pkgs.formats.json { };

  # Settings the module derives from its other options; the user's settings win (recursiveUpdate order).
  derived = lib.foldl' lib.recursiveUpdate { } [
    {
      DataDir = cfg.dataDir;
      # Bundled definitions (quick, cold, promote-on-green, ...) from the package.
      Workflows.Folder = "${cfg.package}/share/recipeci/workflows";
      Docker.Endpoint = "unix://${cfg.dockerSocket}";
    }
    (lib.optionalAttrs cfg.database.createLocally {
      Persistence = {
        Provider = "PostgreSql";
        # Unix socket and peer authentication: the unit's user is the database role, so no password exists.
        ConnectionString = "Host=/run/postgresql;Database=${cfg.database.name};Username=${cfg.user}";
      };
    })
    (lib.optionalAttrs cfg.rabbitmq.createLocally {
      Bus = {
        Transport = "RabbitMq";
        # RabbitMQ's guest user may only connect from loopback, which is where the local broker listens.
        RabbitMq = {
          Host = "127.0.0.1";
          Port = config.services.rabbitmq.port;
        };
      };
    })
  ];

  appsettings = json.generate "recipeci-appsettings.json" (lib.recursiveUpdate derived cfg.settings);

  # "Ci:ApiKey" -> credential id "Ci_ApiKey" (LoadCredential ids may not contain ':') and variable
  # RECIPECI_Ci__ApiKey (the server reads RECIPECI_-prefixed variables; "__" is the section separator).
  credentialId = key: lib.replaceStrings [ ":" ] [ "_" ] key;
  variable = key: "RECIPECI_" + lib.replaceStrings [ ":" ] [ "__" ] key;

  start = pkgs.writeShellScript "recipeci-start" ''
    set -eu
    ${lib.concatStrings (
      lib.mapAttrsToList (key: _: ''
        ${variable key}="$(< "$CREDENTIALS_DIRECTORY/${credentialId key}")"
        export ${variable key}
      '') cfg.secretFiles
    )}
    exec ${lib.getExe cfg.package} serve --urls ${lib.escapeShellArg cfg.listenUrl}
  '';
in
{
  options.services.recipeci = {
    enable = lib.mkEnableOption "recipeci, the CI server for Co-op Cloud recipes";

    package = lib.mkOption {
      type = lib.types.package;
      default = pkgs.callPackage ./package.nix { };
      defaultText = lib.literalExpression "pkgs.callPackage ./package.nix { }";
      description = "The recipeci package.";
    };

    listenUrl = lib.mkOption {
      type = lib.types.str;
      default = "http://127.0.0.1:5080";
      description = "Kestrel URL. Keep it on loopback and put a TLS reverse proxy in front for the webhook.";
    };

    user = lib.mkOption {
      type = lib.types.str;
      default = "recipeci";
      description = "Name of the (dynamic) user the server runs as; also its PostgreSQL role with createLocally.";
    };

    dataDir = lib.mkOption {
      type = lib.types.path;
      default = "/var/lib/recipeci";
      description = ''
        DataDir: SQLite database, recipes, snapshots and alerts. The default is the unit's StateDirectory;
        another path must be created beforehand and is added to ReadWritePaths.
      '';
    };

    dockerSocket = lib.mkOption {
      type = lib.types.path;
      default = "/run/docker.sock";
      description = "The Docker engine socket the server deploys recipes through (the host is a Swarm manager).";
    };

    settings = lib.mkOption {
      type = json.type;
      default = { };
      example = lib.literalExpression ''
        {
          Ci = { Domain = "ci.example.org"; MaxTests = 20; };
          Warm.Dependencies = [ { Name = "keycloak"; Recipe = "keycloak"; VersionPolicy = "Latest"; } ];
          Runtime.WorkerConcurrency = 4;
        }
      '';
      description = ''
        appsettings.json content, with the keys the server documents (README "Configuration"). Lists such as
        Warm:Dependencies and Alerts:Sinks are JSON arrays. Do not put secrets here: use secretFiles.
      '';
    };

    secretFiles = lib.mkOption {
      type = lib.types.attrsOf lib.types.path;
      default = { };
      example = {
        "Ci:ApiKey" = "/run/keys/recipeci-api-key";
        "Ci:WebhookSecret" = "/run/keys/recipeci-webhook-secret";
        "Bus:RabbitMq:Password" = "/run/keys/rabbitmq-password";
      };
      description = ''
        Configuration keys whose values are read from files when the service starts (LoadCredential, so the
        files may be readable by root only). The file's whole content is the value.
      '';
    };

    database = {
      createLocally = lib.mkOption {
        type = lib.types.bool;
        default = false;
        description = ''
          Run PostgreSQL on this host with a database and a role for the server (peer authentication over the
          Unix socket). Without it the server uses SQLite in dataDir unless settings.Persistence says otherwise.
        '';
      };
      name = lib.mkOption {
        type = lib.types.str;
        default = "recipeci";
        description = "Database name; with createLocally it must equal user (ensureDBOwnership).";
      };
    };

    rabbitmq.createLocally = lib.mkOption {
      type = lib.types.bool;
      default = false;
      description = ''
        Run RabbitMQ on 127.0.0.1 and use it as the bus (needed for more than one recipeci node; one node
        works with the in-memory bus).
      '';
    };

    openFirewall = lib.mkOption {
      type = lib.types.bool;
      default = false;
      description = "Open the port of listenUrl (only useful when it is not a loopback address).";
    };
  };

  config = lib.mkIf cfg.enable {
    assertions = [
      {
        assertion = !cfg.database.createLocally || cfg.database.name == cfg.user;
        message = "services.recipeci.database.name must equal services.recipeci.user with createLocally (ensureDBOwnership).";
      }
      {
        assertion = config.virtualisation.docker.enable || cfg.dockerSocket != "/run/docker.sock";
        message = "services.recipeci deploys recipes to Docker Swarm: enable virtualisation.docker (and init a swarm) or point dockerSocket at another engine.";
      }
    ];

    services.postgresql = lib.mkIf cfg.database.createLocally {
      enable = true;
      ensureDatabases = [ cfg.database.name ];
      ensureUsers = [
        {
          name = cfg.user;
          ensureDBOwnership = true;
        }
      ];
    };

    services.rabbitmq = lib.mkIf cfg.rabbitmq.createLocally {
      enable = true;
      listenAddress = "127.0.0.1";
    };

    networking.firewall.allowedTCPPorts = lib.mkIf cfg.openFirewall [
      (lib.toInt (lib.last (lib.splitString ":" (lib.removeSuffix "/" cfg.listenUrl))))
    ];

    environment.etc."recipeci/appsettings.json".source = appsettings;
    environment.systemPackages = [ cfg.package ];

    systemd.services.recipeci = {
      description = "recipeci, CI server for Co-op Cloud recipes";
      wantedBy = [ "multi-user.target" ];
      wants = [ "network-online.target" ];
      after =
        [ "network-online.target" "docker.service" ]
        ++ lib.optional cfg.database.createLocally "postgresql.service"
        ++ lib.optional cfg.rabbitmq.createLocally "rabbitmq.service";
      requires =
        lib.optional cfg.database.createLocally "postgresql.service"
        ++ lib.optional cfg.rabbitmq.createLocally "rabbitmq.service";
      # A settings change restarts the server (appsettings.json is read at start only).
      restartTriggers = [ appsettings ];

      environment.DOTNET_CLI_TELEMETRY_OPTOUT = "1";

      serviceConfig = {
        ExecStart = start;
        # The server's content root is its working directory: appsettings.json is read from there.
        WorkingDirectory = "/etc/recipeci";
        Restart = "on-failure";
        RestartSec = 5;
        # The server drains running activities for Runtime:ShutdownDeadlineSeconds (default 30) on SIGTERM;
        # leave it that long plus a margin before systemd kills it (leases cover a kill anyway).
        TimeoutStopSec = 60;

        DynamicUser = true;
        User = cfg.user;
        Group = cfg.user;
        # The Docker socket is root:docker 0660; membership in docker is what reaching it takes (and is as
        # powerful as root on the host: that is inherent in deploying Swarm stacks).
        SupplementaryGroups = [ "docker" ];
        StateDirectory = "recipeci";
        StateDirectoryMode = "0750";
        LoadCredential = lib.mapAttrsToList (key: path: "${credentialId key}:${path}") cfg.secretFiles;

        # Hardening: the whole file system is read-only except the state directory (and a custom dataDir).
        # Connecting to the Docker and PostgreSQL sockets still works: a read-only mount refuses writes to
        # files, not connect() on a socket.
        ProtectSystem = "strict";
        ReadWritePaths = lib.optional (cfg.dataDir != "/var/lib/recipeci") cfg.dataDir;
        ProtectHome = true;
        PrivateTmp = true;
        PrivateDevices = true;
        NoNewPrivileges = true;
        ProtectKernelTunables = true;
        ProtectKernelModules = true;
        ProtectKernelLogs = true;
        ProtectControlGroups = true;
        ProtectClock = true;
        ProtectHostname = true;
        RestrictSUIDSGID = true;
        RestrictNamespaces = true;
        RestrictRealtime = true;
        LockPersonality = true;
        RestrictAddressFamilies = [ "AF_UNIX" "AF_INET" "AF_INET6" "AF_NETLINK" ];
        CapabilityBoundingSet = "";
        SystemCallArchitectures = "native";
        # .NET's JIT needs writable+executable memory, so MemoryDenyWriteExecute stays off.
        UMask = "0027";
      };
    };
  };
}
