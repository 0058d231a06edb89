using System.Text;
using Npgsql;
using RabbitMQ.Client;
using TestKit;

namespace RecipeCi.Tests.Harness;

/// <summary>Proves that PostgreSQL and RabbitMQ, started on loopback by tests/run, are there for the tests.</summary>
[Trait("Category", "Services")]
public sealed class ServicesHarnessTests
{
    [Fact]
    public async Task PostgreSql_round_trips_a_row_in_a_unique_database_that_is_dropped_afterwards()
    {
        string name;
        await using (var database = await PostgresDatabase.CreateAsync("harness"))
        {
            name = database.Name;
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using (var create = new NpgsqlCommand("CREATE TABLE notes (id int PRIMARY KEY, text text NOT NULL)", connection))
                await create.ExecuteNonQueryAsync();
            await using (var insert = new NpgsqlCommand("INSERT INTO notes VALUES (1, @text)", connection))
            {
                insert.Parameters.AddWithValue("text", "round trip");
                await insert.ExecuteNonQueryAsync();
            }
            await using var select = new NpgsqlCommand("SELECT text FROM notes WHERE id = 1", connection);
            Assert.Equal("round trip", await select.ExecuteScalarAsync());
        }

        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", name);
        Assert.Equal(0L, await exists.ExecuteScalarAsync());
    }

    [Fact]
    public async Task RabbitMq_round_trips_a_message_through_a_unique_queue()
    {
        var factory = new ConnectionFactory { Uri = TestEnvironment.RabbitMqUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = UniqueName.For("harness");
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true);

        var body = Encoding.UTF8.GetBytes("round trip " + queue);
        await channel.BasicPublishAsync(exchange: "", routingKey: queue, body: body);

        var received = await Eventually.UntilAsync(() => channel.BasicGetAsync(queue, autoAck: true), r => r is not null, TimeSpan.FromSeconds(5),
            _ => $"no message on {queue}", TimeSpan.FromMilliseconds(100));
        Assert.NotNull(received);
        Assert.Equal("round trip " + queue, Encoding.UTF8.GetString(received.Body.Span));
    }
}
