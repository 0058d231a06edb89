using Recipes.Swarm.Compose;
using TestKit;

namespace Recipes.Swarm.UnitTests.Compose;

public sealed class ComposeLoaderTests
{
    private static async Task<ComposeProject> LoadAsync(Dictionary<string, string> files, Dictionary<string, string>? env = null, bool strict = false)
    {
        using var temp = new TempFolder("compose");
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(temp.Path, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, text);
        }
        var variables = new Dictionary<string, string>(env ?? []) { ["STACK_NAME"] = "ci-test", ["DOMAIN"] = "test.example" };
        return await new ComposeLoader(strict).LoadAsync(temp.Path, new AppEnvironment(variables));
    }

    [Fact]
    public async Task Reads_every_supported_key()
    {
        var project = await LoadAsync(new()
        {
            ["compose.yml"] = """
                version: "3.8"
                x-common: &common
                  LOG_LEVEL: info
                services:
                  app:
                    image: recipeci-fixture/busybox:${TAG:-1}
                    command: sh -c 'echo "hi there"'
                    entrypoint: ["/bin/sh"]
                    environment:
                      <<: *common
                      DOMAIN: ${DOMAIN}
                      FROM_ENV:
                    volumes:
                      - data:/data
                      - ./conf:/conf:ro
                      - type: tmpfs
                        target: /tmp
                    networks:
                      internal:
                        aliases: [web]
                    configs:
                      - source: nginx_conf
                        target: /etc/nginx.conf
                        mode: 0440
                    secrets:
                      - db_password
                    healthcheck:
                      test: wget -q -O /dev/null http://127.0.0.1/
                      interval: 1m30s
                      timeout: 500ms
                      start_period: 2s
                      retries: 3
                    labels:
                      - container.label=yes
                    ports:
                      - "8080:80"
                      - target: 53
                        protocol: udp
                        mode: host
                    deploy:
                      replicas: 2
                      labels:
                        - "coop-cloud.${STACK_NAME}.version=1.0.0+1.0"
                      restart_policy: { condition: on-failure, delay: 1s, max_attempts: 3, window: 10s }
                      update_config: { parallelism: 1, delay: 1s, failure_action: rollback, monitor: 5s, max_failure_ratio: 0.5, order: start-first }
                      rollback_config: { parallelism: 0, failure_action: pause }
                      resources:
                        limits: { cpus: "0.5", memory: 512M, pids: 100 }
                        reservations: { memory: 64m }
                  worker:
                    image: recipeci-fixture/busybox:1
                    healthcheck:
                      disable: true
                volumes:
                  data:
                    labels: { a: b }
                networks:
                  internal:
                    driver: overlay
                    attachable: true
                configs:
                  nginx_conf:
                    name: ${STACK_NAME}_nginx_conf_${NGINX_CONF_VERSION:-v1}
                    file: nginx.conf
                secrets:
                  db_password:
                    external: true
                    name: ${STACK_NAME}_db_password_v1
                """,
            ["nginx.conf"] = "events {}",
        }, new() { ["FROM_ENV"] = "passed" });

        Assert.Empty(project.Warnings);
        var app = project.Services["app"];
        Assert.Equal("recipeci-fixture/busybox:1", app.Image);
        Assert.Equal(["sh", "-c", "echo \"hi there\""], app.Command);
        Assert.Equal(["/bin/sh"], app.Entrypoint);
        Assert.Equal("info", app.Environment["LOG_LEVEL"]);
        Assert.Equal("test.example", app.Environment["DOMAIN"]);
        Assert.Equal("passed", app.Environment["FROM_ENV"]);
        Assert.Equal(new ServiceVolumeMount("volume", "data", "/data", false), app.Volumes[0]);
        Assert.Equal("bind", app.Volumes[1].Type);
        Assert.True(app.Volumes[1].ReadOnly);
        Assert.Equal(new ServiceVolumeMount("tmpfs", null, "/tmp", false), app.Volumes[2]);
        Assert.Equal(["web"], app.Networks.Single(n => n.Name == "internal").Aliases);
        Assert.Equal(new FileGrant("nginx_conf", "/etc/nginx.conf", null, null, Convert.ToUInt32("440", 8)), app.Configs[0]);
        Assert.Equal(new FileGrant("db_password", "/run/secrets/db_password", null, null, null), app.Secrets[0]);
        Assert.Equal(["CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1/"], app.Healthcheck!.Test);
        Assert.Equal(TimeSpan.FromSeconds(90), app.Healthcheck.Interval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), app.Healthcheck.Timeout);
        Assert.Equal(3, app.Healthcheck.Retries);
        Assert.Equal("yes", app.Labels["container.label"]);
        Assert.Equal([new PortMapping(80, 8080, "tcp", "ingress"), new PortMapping(53, null, "udp", "host")], app.Ports);
        Assert.Equal(2UL, app.Deploy.Replicas);
        Assert.Equal("1.0.0+1.0", app.Deploy.Labels["coop-cloud.ci-test.version"]);
        Assert.Equal(new RestartPolicyDefinition("on-failure", TimeSpan.FromSeconds(1), 3, TimeSpan.FromSeconds(10)), app.Deploy.RestartPolicy);
        Assert.Equal(new UpdateConfigDefinition(1, TimeSpan.FromSeconds(1), "rollback", TimeSpan.FromSeconds(5), 0.5f, "start-first"), app.Deploy.UpdateConfig);
        Assert.Equal("pause", app.Deploy.RollbackConfig!.FailureAction);
        Assert.Equal(new ResourceAmounts(0.5, 512L * 1024 * 1024, 100), app.Deploy.Resources!.Limits);
        Assert.Equal(64L * 1024 * 1024, app.Deploy.Resources.Reservations!.MemoryBytes);
        Assert.True(project.Services["worker"].Healthcheck!.Disabled);
        Assert.Equal("default", Assert.Single(project.Services["worker"].Networks).Name);
        Assert.Contains("default", project.Networks.Keys);
        Assert.Equal("b", project.Volumes["data"].Labels["a"]);
        Assert.True(project.Networks["internal"].Attachable);
        Assert.Equal("ci-test_nginx_conf_v1", project.Configs["nginx_conf"].Name);
        Assert.True(project.Secrets["db_password"].External);
    }

    [Fact]
    public async Task Merges_overlays_named_in_compose_file_by_the_compose_rules()
    {
        var project = await LoadAsync(new()
        {
            ["compose.yml"] = """
                services:
                  app:
                    image: recipeci-fixture/busybox:1
                    command: ["httpd", "-f"]
                    environment:
                      - A=1
                      - B=2
                    labels: { keep: base, change: base }
                    volumes:
                      - data:/data
                      - data:/cache
                    networks: [one]
                    ports: ["8080:80"]
                    secrets: [s1]
                    healthcheck:
                      test: ["CMD", "true"]
                      interval: 5s
                    deploy:
                      replicas: 1
                      labels: ["traefik.enable=true", "x=base"]
                volumes:
                  data:
                networks:
                  one:
                  two:
                secrets:
                  s1: { external: true }
                """,
            ["compose.extra.yml"] = """
                services:
                  app:
                    command: sh -c "exec httpd -f -p 81"
                    environment:
                      B: overridden
                      C: "3"
                    labels: ["change=overlay"]
                    volumes:
                      - other:/cache
                    networks:
                      two:
                    ports: ["8080:80", "9090:90"]
                    secrets:
                      - source: s1
                        target: s1
                        mode: 0400
                    healthcheck:
                      test: ["CMD", "false"]
                    deploy:
                      replicas: 3
                      labels:
                        x: overlay
                  sidecar:
                    image: recipeci-fixture/busybox:1
                volumes:
                  other:
                """,
            ["compose.third.yml"] = """
                services:
                  app:
                    environment: ["D=4"]
                """,
        }, new() { ["COMPOSE_FILE"] = "compose.yml:compose.extra.yml:compose.third.yml" });

        Assert.Equal(["compose.yml", "compose.extra.yml", "compose.third.yml"], project.Files);
        var app = project.Services["app"];
        Assert.Equal(["sh", "-c", "exec httpd -f -p 81"], app.Command);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "overridden", ["C"] = "3", ["D"] = "4" }, app.Environment);
        Assert.Equal(new Dictionary<string, string> { ["keep"] = "base", ["change"] = "overlay" }, app.Labels);
        Assert.Equal([new ServiceVolumeMount("volume", "data", "/data", false), new ServiceVolumeMount("volume", "other", "/cache", false)], app.Volumes);
        Assert.Equal(["one", "two"], app.Networks.Select(n => n.Name));
        Assert.Equal([8080u, 9090u], app.Ports.Select(p => p.Published!.Value));
        Assert.Equal(Convert.ToUInt32("400", 8), Assert.Single(app.Secrets).Mode);
        Assert.Equal(["CMD", "false"], app.Healthcheck!.Test);
        Assert.Equal(TimeSpan.FromSeconds(5), app.Healthcheck.Interval);
        Assert.Equal(3UL, app.Deploy.Replicas);
        Assert.Equal(new Dictionary<string, string> { ["traefik.enable"] = "true", ["x"] = "overlay" }, app.Deploy.Labels);
        Assert.Contains("sidecar", project.Services.Keys);
        Assert.Equal(["data", "other"], project.Volumes.Keys.Order());
    }

    public sealed record ErrorCase(string Name, Dictionary<string, string> Files, Dictionary<string, string> Env, string File, string Path, string Message)
    {
        public override string ToString() => Name;
    }

    private const string Minimal = "services:\n  app:\n    image: busybox\n";

    public static TheoryData<ErrorCase> ErrorCases => new()
    {
        new("required :? unset", new() { ["compose.yml"] = "services:\n  app:\n    image: ${IMAGE:?set IMAGE}\n" }, new(),
            "compose.yml", "services.app.image", "required variable IMAGE is not set: set IMAGE"),
        new("required :? empty", new() { ["compose.yml"] = "services:\n  app:\n    image: ${IMAGE:?set IMAGE}\n" }, new() { ["IMAGE"] = "" },
            "compose.yml", "services.app.image", "required variable IMAGE is empty"),
        new("required ? unset", new() { ["compose.yml"] = "services:\n  app:\n    image: ${IMAGE?no image}\n" }, new(),
            "compose.yml", "services.app.image", "required variable IMAGE is not set: no image"),
        new("bad syntax", new() { ["compose.yml"] = "services:\n  app:\n    image: busybox\n    command: echo $?\n" }, new(),
            "compose.yml", "services.app.command", "invalid interpolation"),
        new("unclosed brace in overlay", new() { ["compose.yml"] = Minimal, ["compose.o.yml"] = "services:\n  app:\n    environment:\n      A: ${OOPS\n" },
            new() { ["COMPOSE_FILE"] = "compose.yml:compose.o.yml" }, "compose.o.yml", "services.app.environment.A", "unclosed"),
        new("missing overlay", new() { ["compose.yml"] = Minimal }, new() { ["COMPOSE_FILE"] = "compose.yml:compose.nope.yml" },
            "compose.nope.yml", "(file)", "does not exist"),
        new("invalid yaml", new() { ["compose.yml"] = "services:\n  app: [\n" }, new(), "compose.yml", "(file)", "not valid YAML"),
        new("unclosed flow sequence", new() { ["compose.yml"] = Minimal + "    command: [\"sh\", \"-c\"\n    user: \"1000\"\n" }, new(),
            "compose.yml", "(file)", "not valid YAML"),
        new("unclosed flow mapping at the end", new() { ["compose.yml"] = Minimal + "    labels: {a: b\n" }, new(),
            "compose.yml", "(file)", "not valid YAML"),
        new("missing image", new() { ["compose.yml"] = "services:\n  app:\n    command: x\n" }, new(), "compose.yml", "services.app.image", "is required"),
        new("bad duration", new() { ["compose.yml"] = Minimal + "    healthcheck:\n      interval: 10\n" }, new(),
            "compose.yml", "services.app.healthcheck.interval", "must be a duration"),
        new("bad replicas from overlay", new() { ["compose.yml"] = Minimal, ["compose.o.yml"] = "services:\n  app:\n    deploy:\n      replicas: many\n" },
            new() { ["COMPOSE_FILE"] = "compose.o.yml" }, "compose.o.yml", "services.app.deploy.replicas", "whole number"),
        new("bad failure action", new() { ["compose.yml"] = Minimal + "    deploy:\n      update_config:\n        failure_action: explode\n" }, new(),
            "compose.yml", "services.app.deploy.update_config.failure_action", "must be one of continue, rollback, pause"),
        new("undeclared volume", new() { ["compose.yml"] = Minimal + "    volumes: [\"data:/data\"]\n" }, new(),
            "compose.yml", "services.app.volumes", "volume 'data'"),
        new("undeclared network", new() { ["compose.yml"] = Minimal + "    networks: [proxy]\n" }, new(),
            "compose.yml", "services.app.networks", "network 'proxy'"),
        new("config file outside recipe", new() { ["compose.yml"] = Minimal + "configs:\n  c:\n    file: ../../etc/passwd\n" }, new(),
            "compose.yml", "configs.c.file", "outside the recipe"),
        new("secret neither file nor external", new() { ["compose.yml"] = Minimal + "secrets:\n  s:\n    name: x\n" }, new(),
            "compose.yml", "secrets.s", "either 'file' or 'external: true'"),
        new("port with host ip", new() { ["compose.yml"] = Minimal + "    ports: [\"127.0.0.1:80:80\"]\n" }, new(),
            "compose.yml", "services.app.ports[0]", "host IPs"),
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public async Task Reports_errors_with_file_key_path_and_problem(ErrorCase test)
    {
        var ex = await Assert.ThrowsAsync<ComposeException>(() => LoadAsync(test.Files, test.Env));
        Assert.Contains(ex.Errors, e => e.File == test.File && e.Path == test.Path && e.Message.Contains(test.Message));
        Assert.Contains(test.Path, ex.Message);
    }

    [Fact]
    public async Task Reports_unsupported_keys_by_name_as_warnings()
    {
        var project = await LoadAsync(new()
        {
            ["compose.yml"] = Minimal + "    privileged: true\n    deploy:\n      placement:\n        sometimes: [x]\n    x-ignored: extension\nname: myproject\n",
        });
        Assert.Contains(project.Warnings, w => w.Path == "services.app.privileged" && w.Message.Contains("'privileged' is not supported"));
        Assert.Contains(project.Warnings, w => w.Path == "services.app.deploy.placement.sometimes" && w.Message.Contains("'sometimes'"));
        Assert.Contains(project.Warnings, w => w.Path == ".name" || w.Path == "name" || w.Path.EndsWith("name"));
        Assert.DoesNotContain(project.Warnings, w => w.Path.Contains("x-ignored"));
    }

    [Fact]
    public async Task Keys_docker_stack_deploy_ignores_stay_warnings_even_in_strict_mode()
    {
        var project = await LoadAsync(new()
        {
            ["compose.yml"] = Minimal + "    restart: always\n    depends_on: [db]\n    build: .\n    container_name: app\n",
        }, strict: true);
        foreach (var key in new[] { "restart", "depends_on", "build", "container_name" })
            Assert.Contains(project.Warnings, w => w.Path == $"services.app.{key}" && w.Message.Contains("ignored by docker stack deploy"));
    }

    [Fact]
    public async Task Strict_mode_makes_unsupported_keys_errors()
    {
        var ex = await Assert.ThrowsAsync<ComposeException>(() => LoadAsync(new() { ["compose.yml"] = Minimal + "    privileged: true\n" }, strict: true));
        Assert.Contains(ex.Errors, e => e.Path == "services.app.privileged" && e.Message.Contains("'privileged'"));
    }

    [Fact]
    public async Task Reports_unset_variables_as_warnings_naming_the_variable()
    {
        var project = await LoadAsync(new() { ["compose.yml"] = Minimal + "    environment:\n      A: ${NOT_THERE}\n" });
        var warning = Assert.Single(project.Warnings);
        Assert.Equal("services.app.environment.A", warning.Path);
        Assert.Contains("NOT_THERE", warning.Message);
        Assert.Equal("", project.Services["app"].Environment["A"]);
    }

    [Fact]
    public async Task Builds_the_env_from_the_sample_with_overrides_stack_name_and_domain()
    {
        using var temp = new TempFolder("env");
        await File.WriteAllTextAsync(Path.Combine(temp.Path, ".env.sample"), "TYPE=hello\nPORT=8080\nSTACK_NAME=ignored\n");
        var env = await AppEnvironment.ForAppAsync(temp.Path, Recipes.Swarm.Docker.AppName.Parse("ci-hello-1"), "hello.test", new Dictionary<string, string> { ["PORT"] = "9000" });
        Assert.Equal("hello", env["TYPE"]);
        Assert.Equal("9000", env["PORT"]);
        Assert.Equal("ci-hello-1", env["STACK_NAME"]);
        Assert.Equal("hello.test", env["DOMAIN"]);
    }
}
