import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

class SqlSamples {
  ResultSet find(Connection connection, String name) throws SQLException {
    Statement statement = connection.createStatement();
    // ruleid: java-sql-injection-concat
    statement.executeQuery("SELECT * FROM items WHERE name = '" + name + "'");

    // ruleid: java-sql-injection-concat
    connection.prepareStatement(String.format("DELETE FROM items WHERE name = '%s'", name));

    // ok: java-sql-injection-concat
    PreparedStatement query = connection.prepareStatement("SELECT * FROM items WHERE name = ?");
    query.setString(1, name);
    // ok: java-sql-injection-concat
    return statement.executeQuery("SELECT count(*) FROM items");
  }
}
