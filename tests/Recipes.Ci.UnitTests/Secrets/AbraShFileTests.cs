using Recipes.Ci.Runs;

namespace Recipes.Ci.UnitTests.Secrets;

public sealed class AbraShFileTests
{
    [Fact]
    public void Takes_the_literal_top_level_assignments_and_nothing_a_shell_would_have_to_compute()
    {
        const string script = """
            #!/bin/bash
            export APP_ENTRYPOINT_VERSION=v4
            export NGINX_CONF_VERSION='v6'   # quoted
            DB_CONF_VERSION="v2"
            PLAIN=v1 # trailing comment
            export COMPUTED=$(date +%s)
            export FROM_VAR=$OTHER
            export CHAINED=v1; rm -rf /
            # export COMMENTED=v9

            abra_backup_app() {
              export INSIDE_FUNCTION=v7
              {
                abra__src_="-"
              }
              DB_ROOT_PASSWORD=$(sub_app_run cat /run/secrets/db_root_password)
            }

            export AFTER_FUNCTION=v3
            one_liner() { echo "}"; }
            export AFTER_ONE_LINER=v5
            """;

        var values = AbraShFile.Parse(script);

        Assert.Equal(new Dictionary<string, string>
        {
            ["APP_ENTRYPOINT_VERSION"] = "v4",
            ["NGINX_CONF_VERSION"] = "v6",
            ["DB_CONF_VERSION"] = "v2",
            ["PLAIN"] = "v1",
            ["AFTER_FUNCTION"] = "v3",
            ["AFTER_ONE_LINER"] = "v5",
        }, values.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary());
    }

    [Fact]
    public async Task A_recipe_without_abra_sh_sets_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("abra-sh").FullName;
        try
        {
            Assert.Empty(await AbraShFile.ReadAsync(folder, CancellationToken.None));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
